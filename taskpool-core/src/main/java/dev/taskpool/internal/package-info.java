/**
 * The machinery behind the pools: task records and their state machine, groups and their
 * spawners, the task table, resizable permits. Not API: it may change in any release.
 */
package dev.taskpool.internal;
