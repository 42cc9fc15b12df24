/**
 * The control protocol on the wire: listening sockets (TCP, and UNIX socket files with their
 * permissions), the handshake and its throttling, the two answer formats (text and framed
 * JSON) in both directions, line reading with its limits, and one connection's life from
 * handshake to close ({@link dev.taskpool.control.wire.ControlConnection}). The client's side
 * of a connection ({@link dev.taskpool.control.wire.ClientChannel}) is here too, so that both
 * ends share one codec.
 *
 * <p>May use: {@code command} (a connection hands each line to a
 * {@link dev.taskpool.control.command.CommandInterpreter} and writes its
 * {@link dev.taskpool.control.command.Reply}), {@code text}, and the API types of
 * {@code dev.taskpool.control}. Knows nothing of pools. Not API: the module exports only
 * {@code dev.taskpool.control}.
 */
package dev.taskpool.control.wire;
