package dev.taskpool.cli;

import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What the watch view shows, updated once per refresh from the answers of {@code stats} and
 * {@code groups}: the latest counters and groups, and the rate of tasks finishing over the
 * last {@value #HISTORY} refreshes.
 *
 * <p>The rate is derived between refreshes from {@code started - running}: every task started
 * and no longer running has finished (ended, failed or been cancelled). Unlike the
 * {@code ended} counter, that total never drops when a flush forgets tasks.
 *
 * <p>Not thread-safe: one view updates and renders it.
 */
final class WatchModel {

    /** How many rates are kept: one a refresh, so about a minute. */
    static final int HISTORY = 60;

    /** One group, as the framed {@code groups} answer describes it; {@code -1} for unknown. */
    record Group(String name, long running, long queued, long done, long total, boolean cancelled) {
    }

    private final Deque<Double> finishedRates = new ArrayDeque<>();
    private Map<?, ?> stats = Map.of();
    private List<Group> groups = List.of();
    private String text;
    private String error;
    private LocalTime updatedAt;
    private long lastNanos;
    private long lastFinished = -1;
    private double startedRate;
    private double finishedRate;
    private long lastStarted;

    /** Records a framed refresh: the {@code value}s of {@code stats} and {@code groups}. */
    void update(Object statsValue, Object groupsValue, long nanos, LocalTime time) {
        stats = statsValue instanceof Map<?, ?> map ? map : Map.of();
        groups = groups(groupsValue);
        text = null;
        error = null;
        updatedAt = time;
        long started = number(stats.get("started"));
        long running = number(stats.get("running"));
        if (started < 0 || running < 0) {
            return;
        }
        long finished = Math.max(0, started - running);
        if (lastFinished >= 0 && nanos > lastNanos) {
            double seconds = (nanos - lastNanos) / 1e9;
            // A drop means another pool (after 'use') or a restarted server: not a negative rate.
            finishedRate = Math.max(0, finished - lastFinished) / seconds;
            startedRate = Math.max(0, started - lastStarted) / seconds;
            finishedRates.addLast(finishedRate);
            while (finishedRates.size() > HISTORY) {
                finishedRates.removeFirst();
            }
        }
        lastFinished = finished;
        lastStarted = started;
        lastNanos = nanos;
    }

    /** Records a text-mode refresh: {@code stats} as the server wrote it. */
    void updateText(String statsOutput, LocalTime time) {
        text = statsOutput;
        error = null;
        updatedAt = time;
    }

    /** Records a refresh whose {@code stats} failed. */
    void updateError(String message, LocalTime time) {
        error = message;
        updatedAt = time;
    }

    /** A counter of {@code stats}; {@code -1} when absent. */
    long counter(String name) {
        return number(stats.get(name));
    }

    /** The pool's name as {@code stats} gave it, else {@code null}. */
    String pool() {
        return stats.get("pool") instanceof String name ? name : null;
    }

    /** The pool size: {@code inf} when unbounded. */
    String poolSize() {
        Object size = stats.get("pool_size");
        return size == null ? "inf" : String.valueOf(size);
    }

    boolean flag(String name) {
        return Boolean.TRUE.equals(stats.get(name));
    }

    boolean hasStats() {
        return !stats.isEmpty();
    }

    List<Group> groups() {
        return groups;
    }

    /** Tasks finished per second, oldest first. */
    List<Double> finishedRates() {
        return new ArrayList<>(finishedRates);
    }

    double finishedRate() {
        return finishedRate;
    }

    double startedRate() {
        return startedRate;
    }

    /** The text-mode {@code stats} output, or {@code null} in framed mode. */
    String text() {
        return text;
    }

    /** The last refresh's error, or {@code null}. */
    String error() {
        return error;
    }

    LocalTime updatedAt() {
        return updatedAt;
    }

    private static List<Group> groups(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Group> out = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof Map<?, ?> group) {
                out.add(new Group(String.valueOf(group.get("name")), number(group.get("running")),
                        number(group.get("queued")), number(group.get("done")), number(group.get("total")),
                        Boolean.TRUE.equals(group.get("cancelled"))));
            }
        }
        return List.copyOf(out);
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }
}
