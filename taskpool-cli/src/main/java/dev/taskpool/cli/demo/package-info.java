/**
 * {@code taskpool demo}: a long-running demonstration of task pools steered through the
 * control server. {@link dev.taskpool.cli.demo.DemoCommand} reads the options,
 * {@link dev.taskpool.cli.demo.DemoDaemon} runs the demo from start to graceful shutdown,
 * {@link dev.taskpool.cli.demo.WorkQueue} and {@link dev.taskpool.cli.demo.Worker} make sure
 * every work item is done exactly once (with {@code --queue}, {@code SharedWorkQueue} drains a
 * work queue in PostgreSQL with other demos instead), {@link dev.taskpool.cli.demo.DemoJobs} holds the
 * functions a control client may start, and {@link dev.taskpool.cli.demo.DemoMetrics} serves the
 * pools' and the JVM's metrics for Prometheus ({@code --metrics-port}).
 */
package dev.taskpool.cli.demo;
