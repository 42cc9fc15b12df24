package dev.taskpool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names and describes a parameter of a method registered as a {@link TaskFunction}. Needed
 * only when the class was compiled without {@code -parameters} or when the parameter
 * deserves a description in the control interface's help.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

    /** The parameter's name, as used by named arguments; empty to keep the compiled name. */
    String name() default "";

    /** A one-line description shown by the control interface. */
    String value() default "";
}
