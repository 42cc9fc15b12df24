package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rates and snapshots the watch view shows, from framed answers. */
class WatchModelTest {

    private static final long SECOND = 1_000_000_000L;
    private static final LocalTime NOON = LocalTime.NOON;

    private static Map<String, Object> stats(int started, int running) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("pool", "jobs");
        stats.put("pool_size", null);
        stats.put("running", running);
        stats.put("queued", 7);
        stats.put("cancelled", 1);
        stats.put("ended", started - running);
        stats.put("failed", 0);
        stats.put("started", started);
        stats.put("locked", true);
        return stats;
    }

    @Test
    void theRateIsTheChangeOfFinishedTasksOverTheTimeBetweenRefreshes() {
        WatchModel model = new WatchModel();

        model.update(stats(10, 4), List.of(), 0, NOON);
        assertThat(model.finishedRates()).isEmpty();
        model.update(stats(30, 4), List.of(), 2 * SECOND, NOON);
        model.update(stats(31, 2), List.of(), 3 * SECOND, NOON);

        assertThat(model.finishedRates()).containsExactly(10.0, 3.0);
        assertThat(model.finishedRate()).isEqualTo(3.0);
        assertThat(model.startedRate()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aDropInTheCountersCountsAsNoTasksRatherThanANegativeRate() {
        WatchModel model = new WatchModel();
        model.update(stats(100, 0), List.of(), 0, NOON);

        model.update(stats(5, 0), List.of(), SECOND, NOON);

        assertThat(model.finishedRates()).containsExactly(0.0);
    }

    @Test
    void onlyTheLastMinuteIsKept() {
        WatchModel model = new WatchModel();
        for (int i = 0; i <= 100; i++) {
            model.update(stats(i, 0), List.of(), i * SECOND, NOON);
        }

        assertThat(model.finishedRates()).hasSize(WatchModel.HISTORY).containsOnly(1.0);
    }

    @Test
    void countersAndGroupsAreReadFromTheValues() {
        WatchModel model = new WatchModel();
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", "crunch");
        group.put("function", "work");
        group.put("running", 3);
        group.put("queued", -1);
        group.put("done", 12);
        group.put("total", -1);
        group.put("spawning", true);
        group.put("cancelled", false);

        model.update(stats(20, 3), List.of(group), 0, NOON);

        assertThat(model.pool()).isEqualTo("jobs");
        assertThat(model.poolSize()).isEqualTo("inf");
        assertThat(model.counter("queued")).isEqualTo(7);
        assertThat(model.counter("nonsense")).isEqualTo(-1);
        assertThat(model.flag("locked")).isTrue();
        assertThat(model.groups()).containsExactly(new WatchModel.Group("crunch", 3, -1, 12, -1, false));
    }
}
