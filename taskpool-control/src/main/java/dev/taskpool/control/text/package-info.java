/**
 * Text for people: tables, wrapping as Python's {@code textwrap} does (for help texts at the
 * client's terminal width), and durations written short ({@code 0.8s}, {@code 3m07s}).
 *
 * <p>May use: nothing else of this module; the JDK only. Not API.
 */
package dev.taskpool.control.text;
