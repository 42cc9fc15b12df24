/**
 * The control server's sessions and protocol, the command model generated from the pool
 * classes, and the command-line tokenizer and literal parser. Not API.
 */
package dev.taskpool.control.internal;
