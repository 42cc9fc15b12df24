/**
 * Words and values in a command line: the tokenizer that splits a line as Python's
 * {@code shlex} does, and the parser and formatter of Python literals (numbers, strings,
 * lists, tuples, dicts, sets, {@code None}, {@code True}, {@code inf}), the notation the
 * control interface reads arguments in and writes results in.
 *
 * <p>May use: nothing else of this module; the JDK only. Not API.
 */
package dev.taskpool.control.literal;
