package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The frames of the watch view. */
class WatchScreenTest {

    private static final long SECOND = 1_000_000_000L;

    private static Map<String, Object> group(String name, int running, int queued, int done, int total) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("running", running);
        group.put("queued", queued);
        group.put("done", done);
        group.put("total", total);
        group.put("cancelled", false);
        return group;
    }

    private static WatchModel model(int groups) {
        WatchModel model = new WatchModel();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            values.add(group("group-" + i, 2, 10, 25, 50));
        }
        for (int second = 0; second < 4; second++) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("pool", "jobs");
            stats.put("pool_size", 8);
            stats.put("running", 2);
            stats.put("queued", 10);
            stats.put("cancelled", 0);
            stats.put("ended", 25);
            stats.put("failed", 1);
            stats.put("started", 2 + second * second * 4);
            model.update(stats, values, second * SECOND, LocalTime.of(12, 0, second));
        }
        return model;
    }

    private static List<String> text(List<AttributedString> frame) {
        return frame.stream().map(AttributedString::toString).toList();
    }

    @Test
    void aFrameShowsThePoolItsCountersTheRateChartAndTheGroups() {
        List<String> lines = text(WatchScreen.render(model(2), "fallback", 100, 30, WatchScreen.Glyphs.UNICODE, false));

        assertThat(lines).hasSize(30);
        assertThat(lines.get(0)).startsWith(" taskpool watch: jobs").endsWith("updated 12:00:03 ");
        assertThat(String.join("\n", lines)).contains("running 2", "queued 10", "cancelled 0", "ended 25",
                "failed 1", "pool size 8", "20.0/s now", "max 20.0/s", "started 20.0/s");
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith("▂▅█"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .matches("  group-0 +2 +10 +25/50  █{10}·{10}  50%"));
        assertThat(lines.get(29)).isEqualTo("  " + WatchScreen.LEAVE_HINT);
    }

    @Test
    void everyLineFitsTheWidthAndGroupsThatDoNotFitAreCounted() {
        List<AttributedString> frame = WatchScreen.render(model(40), "fallback", 30, 20, WatchScreen.Glyphs.UNICODE, true);

        assertThat(frame).hasSize(20).allSatisfy(line -> assertThat(line.columnLength()).isLessThanOrEqualTo(30));
        assertThat(text(frame)).anySatisfy(line -> assertThat(line).contains("more groups"));
        assertThat(text(frame).get(19)).contains(WatchScreen.LEAVE_HINT);
    }

    @Test
    void textModeShowsTheStatsAsTheServerWroteThem() {
        WatchModel model = new WatchModel();
        model.updateText("pool:    workers\nrunning: 3", LocalTime.NOON);

        List<String> lines = text(WatchScreen.render(model, "workers", 80, 12, WatchScreen.Glyphs.ASCII, false));

        assertThat(lines).contains("  pool:    workers", "  running: 3");
        assertThat(lines.get(0)).startsWith(" taskpool watch: workers");
    }

    @Test
    void sparklinesScaleToTheLargestRateAndFillFromTheRight() {
        assertThat(WatchScreen.sparkline(List.of(0.0, 1.0, 2.0, 4.0), 6, WatchScreen.Glyphs.UNICODE)).isEqualTo("  ▁▃▅█");
        assertThat(WatchScreen.sparkline(List.of(0.0, 0.0), 2, WatchScreen.Glyphs.ASCII)).isEqualTo("__");
        assertThat(WatchScreen.sparkline(List.of(1.0, 2.0, 3.0), 2, WatchScreen.Glyphs.UNICODE)).hasSize(2).endsWith("█");
    }

    @Test
    void progressBarsShowEighthsOfACell() {
        assertThat(WatchScreen.bar(0.5, 4, WatchScreen.Glyphs.UNICODE)).isEqualTo("██··");
        assertThat(WatchScreen.bar(0.28, 4, WatchScreen.Glyphs.UNICODE)).isEqualTo("█▏··");
        assertThat(WatchScreen.bar(1, 4, WatchScreen.Glyphs.ASCII)).isEqualTo("####");
        assertThat(WatchScreen.bar(0, 4, WatchScreen.Glyphs.ASCII)).isEqualTo("....");
    }
}
