/**
 * The {@code taskpools} Actuator endpoint: the application's pools with their counters and
 * groups, and their pool size and lock to change.
 */
package dev.taskpool.spring.actuate;
