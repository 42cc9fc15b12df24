/**
 * What a command line means: the command model generated from the public methods of the pool
 * classes (with their Javadoc as help), argparse-compatible parsing of a line against it,
 * conversion of arguments to the methods' parameter types, the session commands
 * ({@code pools}, {@code use}, {@code functions}), help and usage texts, the formatting of
 * results, and the interpreter that runs a line on a pool and answers a
 * {@link dev.taskpool.control.command.Reply}. The path of {@code stop 2}:
 * {@link dev.taskpool.control.command.PoolInterpreter} →
 * {@link dev.taskpool.control.command.LineParser} →
 * {@link dev.taskpool.control.command.CommandModel} → the pool's method.
 *
 * <p>May use: {@code literal}, {@code text}, the API types of {@code dev.taskpool.control}
 * (the function allow-list, the error types) and the core. Knows nothing of sockets. Not API.
 */
package dev.taskpool.control.command;
