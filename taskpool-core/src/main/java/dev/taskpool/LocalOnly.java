package dev.taskpool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public pool method that the control interface does not offer as a command: what it
 * returns (an executor, a future) only makes sense inside this JVM. Java callers are not
 * affected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LocalOnly {
}
