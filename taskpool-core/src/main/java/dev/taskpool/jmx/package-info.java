/**
 * Pools as JMX MXBeans: register one with {@link dev.taskpool.jmx.PoolMXBeans#register} and any
 * JMX tool shows its counters and can resize, lock or cancel it.
 */
package dev.taskpool.jmx;
