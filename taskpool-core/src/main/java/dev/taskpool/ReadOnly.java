package dev.taskpool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a pool method that only reads (or waits): it changes nothing of the pool. The control
 * server's audit log records calls of such commands at DEBUG, and every other command at INFO,
 * so that an operator can tell afterwards who changed what.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnly {
}
