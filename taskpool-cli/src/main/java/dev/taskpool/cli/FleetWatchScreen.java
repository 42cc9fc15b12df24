package dev.taskpool.cli;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Lays out one frame of {@code control fleet --watch}: a title line, one row per daemon (its
 * state, pool size, running tasks, tasks finished per second and, with a work queue's
 * database, items done per second and in all), the fleet's total, and how to leave. Every line
 * fits the width and the frame fits the height. Stateless; the lines are built from
 * {@link WatchScreen}'s pieces, so both views look alike.
 */
final class FleetWatchScreen {

    /**
     * One daemon's row.
     *
     * @param name           the daemon's name
     * @param problem        why it did not answer ({@code null} if it did)
     * @param model          its pool's counters and rate of finished tasks, if it answered
     * @param itemsPerSecond items it recorded per second, from the database; {@code null} without one
     * @param itemsDone      items it recorded in all; {@code -1} without a database
     */
    record Row(String name, String problem, WatchModel model, Double itemsPerSecond, long itemsDone) {
    }

    private static final int NAME_WIDTH = 22;

    private FleetWatchScreen() {
    }

    static List<AttributedString> render(List<Row> rows, String note, LocalTime updatedAt, int width, int height,
                                         boolean colour) {
        width = Math.max(width, 20);
        height = Math.max(height, 5);
        AttributedStyle label = colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
        List<AttributedString> lines = new ArrayList<>();
        String time = updatedAt == null ? "" : "updated " + WatchScreen.TIME.format(updatedAt);
        lines.add(WatchScreen.title(" taskpool fleet: " + rows.size() + (rows.size() == 1 ? " daemon" : " daemons"),
                time + " ", width, colour));
        lines.add(AttributedString.EMPTY);
        if (note != null) {
            lines.add(WatchScreen.styled("  " + note, colour ? WatchScreen.red() : AttributedStyle.DEFAULT));
            lines.add(AttributedString.EMPTY);
        }
        lines.add(WatchScreen.styled(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s %-9s %9s %8s %8s %8s %9s",
                "NODE", "STATE", "POOL SIZE", "RUNNING", "TASKS/S", "ITEMS/S", "DONE"),
                colour ? AttributedStyle.BOLD : label));
        double totalItems = 0;
        boolean anyItems = false;
        int room = height - 4 - lines.size();
        int shown = rows.size() <= room ? rows.size() : Math.max(0, room - 1);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.itemsPerSecond() != null) {
                totalItems += row.itemsPerSecond();
                anyItems = true;
            }
            if (i < shown) {
                lines.add(row(row, colour));
            }
        }
        if (shown < rows.size()) {
            lines.add(WatchScreen.styled("  ... and " + (rows.size() - shown) + " more daemons", label));
        }
        if (rows.isEmpty()) {
            lines.add(WatchScreen.styled("  no live daemon", label));
        }
        lines.add(AttributedString.EMPTY);
        lines.add(new AttributedStringBuilder().append("  ").styled(label, "fleet: ")
                .styled(colour ? AttributedStyle.BOLD : AttributedStyle.DEFAULT,
                        anyItems ? WatchScreen.rate(totalItems) + " items/s" : "items/s need the queue's database")
                .toAttributedString());
        List<AttributedString> frame = new ArrayList<>();
        for (int i = 0; i < lines.size() && i < height - 2; i++) {
            frame.add(WatchScreen.fit(lines.get(i), width));
        }
        while (frame.size() < height - 1) {
            frame.add(AttributedString.EMPTY);
        }
        frame.add(WatchScreen.fit(WatchScreen.styled("  " + WatchScreen.LEAVE_HINT, label), width));
        return frame;
    }

    private static AttributedString row(Row row, boolean colour) {
        String name = row.name().length() > NAME_WIDTH ? row.name().substring(0, NAME_WIDTH - 1) + "~" : row.name();
        AttributedStringBuilder line = new AttributedStringBuilder()
                .append(String.format(Locale.ROOT, "  %-" + NAME_WIDTH + "s ", name));
        WatchModel model = row.model();
        if (row.problem() != null || model == null || !model.hasStats()) {
            String why = row.problem() != null ? row.problem() : model != null && model.error() != null
                    ? "stats failed: " + model.error() : "waiting for its first answer";
            line.styled(colour ? WatchScreen.red() : AttributedStyle.DEFAULT, "no answer: " + why);
            return line.toAttributedString();
        }
        String state = model.flag("closed") ? "closed" : model.flag("locked") ? "locked" : "running";
        line.styled(colour && !state.equals("running") ? WatchScreen.red() : AttributedStyle.DEFAULT,
                String.format(Locale.ROOT, "%-9s", state));
        line.append(String.format(Locale.ROOT, " %9s %8s %8s %8s %9s", model.poolSize(),
                count(model.counter("running")), WatchScreen.rate(model.finishedRate()),
                row.itemsPerSecond() == null ? "-" : WatchScreen.rate(row.itemsPerSecond()),
                row.itemsDone() < 0 ? "-" : String.valueOf(row.itemsDone())));
        return line.toAttributedString();
    }

    private static String count(long value) {
        return value < 0 ? "?" : String.valueOf(value);
    }
}
