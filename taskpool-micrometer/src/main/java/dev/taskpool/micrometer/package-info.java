/**
 * Pools as Micrometer meters: bind one with {@link dev.taskpool.micrometer.TaskPoolMetrics} and
 * any registry (Prometheus, OTLP, JMX...) publishes its task counts, gauges and task durations.
 * Optional: the pools themselves do not depend on Micrometer.
 */
package dev.taskpool.micrometer;
