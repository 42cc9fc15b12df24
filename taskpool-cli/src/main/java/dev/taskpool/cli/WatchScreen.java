package dev.taskpool.cli;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Lays out one frame of the watch view from a {@link WatchModel}: a title line, the counters,
 * a sparkline of tasks finished per second over the last minute, the groups with progress
 * bars, and how to leave. Every line fits the width and the frame fits the height.
 *
 * <p>Stateless.
 */
final class WatchScreen {

    /** Characters of the charts: Unicode blocks, or ASCII for terminals that cannot show them. */
    record Glyphs(String levels, String eighths, char full, char empty) {
        static final Glyphs UNICODE = new Glyphs("▁▂▃▄▅▆▇█", " ▏▎▍▌▋▊▉", '█', '·');
        static final Glyphs ASCII = new Glyphs("_.-=+*#@", "        ", '#', '.');
    }

    static final String LEAVE_HINT = "press any key to leave";
    private static final int BAR_WIDTH = 20;
    private static final int NAME_WIDTH = 24;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private WatchScreen() {
    }

    static List<AttributedString> render(WatchModel model, String fallbackPool, int width, int height,
                                         Glyphs glyphs, boolean colour) {
        width = Math.max(width, 20);
        height = Math.max(height, 5);
        List<AttributedString> lines = new ArrayList<>();
        String pool = model.pool() != null ? model.pool() : fallbackPool;
        String time = model.updatedAt() == null ? "" : "updated " + TIME.format(model.updatedAt());
        lines.add(title(" taskpool watch: " + pool, time + " ", width, colour));
        lines.add(AttributedString.EMPTY);
        if (model.error() != null) {
            lines.add(styled("  stats failed: " + model.error(), colour ? red() : AttributedStyle.DEFAULT));
        } else if (model.text() != null) {
            model.text().lines().forEach(line -> lines.add(new AttributedString("  " + line)));
            lines.add(AttributedString.EMPTY);
            lines.add(new AttributedString("  (text mode: counters as the server wrote them, no charts)"));
        } else if (model.hasStats()) {
            framed(model, glyphs, colour, width, height, lines);
        }
        List<AttributedString> frame = new ArrayList<>();
        int room = height - 2;
        for (int i = 0; i < lines.size() && i < room; i++) {
            frame.add(fit(lines.get(i), width));
        }
        while (frame.size() < height - 1) {
            frame.add(AttributedString.EMPTY);
        }
        frame.add(fit(styled("  " + LEAVE_HINT, colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT),
                width));
        return frame;
    }

    private static void framed(WatchModel model, Glyphs glyphs, boolean colour, int width, int height,
                               List<AttributedString> lines) {
        AttributedStyle label = colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
        AttributedStyle value = colour ? AttributedStyle.BOLD : AttributedStyle.DEFAULT;
        AttributedStringBuilder counters = new AttributedStringBuilder().append("  ");
        counter(counters, "running", model.counter("running"), label, value);
        counter(counters, "queued", model.counter("queued"), label, value);
        counter(counters, "cancelled", model.counter("cancelled"), label, value);
        counter(counters, "ended", model.counter("ended"), label, value);
        lines.add(counters.toAttributedString());
        AttributedStringBuilder more = new AttributedStringBuilder().append("  ");
        counter(more, "failed", model.counter("failed"), label, value);
        counter(more, "started", model.counter("started"), label, value);
        more.styled(label, "pool size ").styled(value, model.poolSize());
        if (model.flag("locked")) {
            more.append("   ").styled(colour ? red() : AttributedStyle.DEFAULT, "locked");
        }
        if (model.flag("closed")) {
            more.append("   ").styled(colour ? red() : AttributedStyle.DEFAULT, "closed");
        }
        lines.add(more.toAttributedString());
        lines.add(AttributedString.EMPTY);

        List<Double> rates = model.finishedRates();
        double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        lines.add(new AttributedStringBuilder().append("  ")
                .styled(label, "tasks finished per second, last " + WatchModel.HISTORY + " s: ")
                .styled(value, rate(model.finishedRate()) + "/s now").styled(label, ", max ")
                .styled(value, rate(max) + "/s").styled(label, "; started ")
                .styled(value, rate(model.startedRate()) + "/s")
                .toAttributedString());
        int chartWidth = Math.min(WatchModel.HISTORY, width - 4);
        lines.add(new AttributedStringBuilder().append("  ")
                .styled(colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN) : AttributedStyle.DEFAULT,
                        sparkline(rates, chartWidth, glyphs))
                .toAttributedString());
        lines.add(AttributedString.EMPTY);

        List<WatchModel.Group> groups = model.groups();
        if (groups.isEmpty()) {
            lines.add(styled("  no groups", label));
            return;
        }
        lines.add(styled(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %8s %8s %13s  %s",
                "GROUP", "RUNNING", "QUEUED", "DONE/TOTAL", "PROGRESS"), colour ? AttributedStyle.BOLD : label));
        // Room left above the hint line, keeping one line for "... more".
        int room = height - 2 - lines.size();
        int shown = groups.size() <= room ? groups.size() : Math.max(0, room - 1);
        for (int i = 0; i < shown; i++) {
            lines.add(group(groups.get(i), glyphs, colour));
        }
        if (shown < groups.size()) {
            lines.add(styled("  ... and " + (groups.size() - shown) + " more groups", label));
        }
    }

    private static AttributedString group(WatchModel.Group group, Glyphs glyphs, boolean colour) {
        String name = group.name().length() > NAME_WIDTH ? group.name().substring(0, NAME_WIDTH - 1) + "~" : group.name();
        String queued = group.queued() < 0 ? "?" : String.valueOf(group.queued());
        String doneOfTotal = group.done() + "/" + (group.total() < 0 ? "?" : String.valueOf(group.total()));
        AttributedStringBuilder line = new AttributedStringBuilder().append(String.format(Locale.ROOT,
                "  %-" + NAME_WIDTH + "s %8d %8s %13s  ", name, Math.max(0, group.running()), queued, doneOfTotal));
        if (group.cancelled()) {
            line.styled(colour ? red() : AttributedStyle.DEFAULT, "cancelled");
        } else if (group.total() > 0) {
            double fraction = Math.min(1, Math.max(0, group.done()) / (double) group.total());
            line.styled(colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN) : AttributedStyle.DEFAULT,
                    bar(fraction, BAR_WIDTH, glyphs));
            line.append(String.format(Locale.ROOT, " %3d%%", (int) Math.floor(fraction * 100)));
        } else {
            line.append(group.queued() < 0 ? "running (size unknown)" : "-");
        }
        return line.toAttributedString();
    }

    /**
     * One character per rate, the newest on the right, scaled to the largest: the lowest block
     * for nothing, the highest for the maximum. Fewer rates than {@code width} leave blanks on
     * the left.
     */
    static String sparkline(List<Double> rates, int width, Glyphs glyphs) {
        List<Double> shown = rates.size() > width ? rates.subList(rates.size() - width, rates.size()) : rates;
        double max = shown.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder out = new StringBuilder(" ".repeat(Math.max(0, width - shown.size())));
        int top = glyphs.levels().length() - 1;
        for (double rate : shown) {
            int level = max <= 0 || rate <= 0 ? 0 : Math.max(1, (int) Math.round(rate / max * top));
            out.append(glyphs.levels().charAt(level));
        }
        return out.toString();
    }

    /** A progress bar of {@code width} cells, with eighths of a cell where the glyphs have them. */
    static String bar(double fraction, int width, Glyphs glyphs) {
        int eighths = (int) Math.round(fraction * width * 8);
        StringBuilder out = new StringBuilder();
        out.append(String.valueOf(glyphs.full()).repeat(eighths / 8));
        if (eighths % 8 != 0 && out.length() < width) {
            char partial = glyphs.eighths().charAt(eighths % 8);
            out.append(partial == ' ' ? glyphs.empty() : partial);
        }
        while (out.length() < width) {
            out.append(glyphs.empty());
        }
        return out.toString();
    }

    static String rate(double rate) {
        return rate >= 100 ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    private static void counter(AttributedStringBuilder line, String name, long value, AttributedStyle label,
                                AttributedStyle style) {
        line.styled(label, name + " ").styled(style, value < 0 ? "?" : String.valueOf(value)).append("   ");
    }

    static AttributedString title(String left, String right, int width, boolean colour) {
        int gap = Math.max(1, width - left.length() - right.length());
        String text = left + " ".repeat(gap) + right;
        return styled(text, colour ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT);
    }

    static AttributedString styled(String text, AttributedStyle style) {
        return new AttributedString(text, style);
    }

    static AttributedStyle red() {
        return AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    }

    static AttributedString fit(AttributedString line, int width) {
        return line.columnLength() <= width ? line : line.columnSubSequence(0, width);
    }
}
