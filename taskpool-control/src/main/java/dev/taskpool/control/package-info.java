/**
 * Controlling running pools from outside: {@link dev.taskpool.control.ControlServer} (TCP or a
 * UNIX socket, text mode compatible with asyncio-taskpool's client, framed JSON mode),
 * {@link dev.taskpool.control.ControlClient}, and {@link dev.taskpool.control.FunctionRegistry},
 * the allow-list of functions a client may start. The protocol is described in
 * {@code docs/protocol.md}.
 */
package dev.taskpool.control;
