package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The frames of {@code control fleet --watch}. */
class FleetWatchScreenTest {

    private static WatchModel answered(int running, Object poolSize, boolean locked) {
        WatchModel model = new WatchModel();
        for (int second = 0; second < 2; second++) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("pool", "workers");
            stats.put("pool_size", poolSize);
            stats.put("running", running);
            stats.put("started", running + second * 10);
            stats.put("locked", locked);
            model.update(stats, null, second * 1_000_000_000L, LocalTime.of(12, 0, second));
        }
        return model;
    }

    private static List<String> text(List<AttributedString> frame) {
        return frame.stream().map(AttributedString::toString).toList();
    }

    @Test
    void oneRowPerDaemonWithItsStatePoolSizeRunningAndRatesAndTheFleetTotal() {
        List<FleetWatchScreen.Row> rows = List.of(
                new FleetWatchScreen.Row("node-a", null, answered(3, null, false), 61.25, 1200),
                new FleetWatchScreen.Row("node-b", null, answered(2, 4, true), 20.0, 800),
                new FleetWatchScreen.Row("tcp:127.0.0.1:1", "connection refused", new WatchModel(), 0.0, 0));

        List<String> lines = text(FleetWatchScreen.render(rows, null, LocalTime.of(12, 0, 1), 100, 12, false));

        assertThat(lines).hasSize(12);
        assertThat(lines.get(0)).startsWith(" taskpool fleet: 3 daemons").endsWith("updated 12:00:01 ");
        assertThat(lines.get(2)).isEqualTo(
                "  NODE                   STATE     POOL SIZE  RUNNING  TASKS/S  ITEMS/S      DONE");
        assertThat(lines.get(3)).isEqualTo(
                "  node-a                 running         inf        3     10.0     61.3      1200");
        assertThat(lines.get(4)).isEqualTo(
                "  node-b                 locked            4        2     10.0     20.0       800");
        assertThat(lines.get(5)).isEqualTo("  tcp:127.0.0.1:1        no answer: connection refused");
        assertThat(lines.get(7)).isEqualTo("  fleet: 81.3 items/s");
        assertThat(lines.get(11)).isEqualTo("  press any key to leave");
    }

    @Test
    void withoutADatabaseThereAreNoItemRates() {
        List<FleetWatchScreen.Row> rows = List.of(new FleetWatchScreen.Row("a", null, answered(1, null, false), null, -1));

        List<String> lines = text(FleetWatchScreen.render(rows, null, null, 100, 10, false));

        assertThat(lines.get(3)).endsWith("       -         -");
        assertThat(lines).contains("  fleet: items/s need the queue's database");
    }

    @Test
    void moreDaemonsThanRowsAreCountedAndEveryLineFits() {
        List<FleetWatchScreen.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new FleetWatchScreen.Row("daemon-with-a-long-name-" + i, null, answered(1, 2, false), 1.0, 5));
        }

        List<String> lines = text(FleetWatchScreen.render(rows, "a note", null, 40, 10, false));

        assertThat(lines).hasSize(10).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(String.join("\n", lines)).contains("more daemons");
    }
}
