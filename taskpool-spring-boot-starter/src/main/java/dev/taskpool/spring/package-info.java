/**
 * Spring Boot auto-configuration for the pools of an application: every
 * {@link dev.taskpool.SimpleTaskPool} and {@link dev.taskpool.TaskPool} bean, known by its bean
 * name ({@link dev.taskpool.spring.TaskPools}), gets a control server
 * ({@code taskpool.control.enabled=true}), MXBeans ({@code spring.jmx.enabled=true}), Micrometer
 * meters (with {@code taskpool-micrometer} and a {@code MeterRegistry}), the {@code taskpools}
 * Actuator endpoint, a pool size from {@code taskpool.pools.BEAN.pool-size}, and a graceful
 * shutdown ({@code taskpool.shutdown.grace}). {@link dev.taskpool.spring.TaskPoolProperties}
 * lists every property.
 */
package dev.taskpool.spring;
