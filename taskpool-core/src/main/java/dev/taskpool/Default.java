package dev.taskpool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a pool method as optional for the control interface, and gives the
 * value it takes when a client leaves it out, as a Python or JSON literal. Java callers are
 * not affected: they pass every argument, or use a shorter overload.
 *
 * <pre>{@code
 * public String map(TaskFunction function, Iterable<?> argIter, @Default("1") int numConcurrent,
 *                   @Default String groupName, ...)
 * }</pre>
 * makes {@code map FUNCTION ARG_ITER [-n NUM_CONCURRENT] [-g GROUP_NAME]} a valid command.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Default {

    /** The default as a literal, such as {@code "1"}, {@code "False"} or {@code "None"}. */
    String value() default "None";

    /**
     * Whether a client gives it as an optional positional argument ({@code autoscale on})
     * rather than as an option ({@code --state on}). At most the first parameter of a method
     * should be one, so that a line stays unambiguous.
     */
    boolean positional() default false;
}
