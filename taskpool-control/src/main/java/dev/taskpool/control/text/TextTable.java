package dev.taskpool.control.text;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns of text, as the {@code tasks}, {@code groups} and {@code stats} commands print them. Not thread-safe. */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    public void row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
    }

    /** Renders the rows, each cell but the last padded to its column's width; {@code afterFirst} follows the first cell. */
    public String render(String afterFirst) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                int extra = i == 0 ? afterFirst.length() : 0;
                widths[i] = Math.max(widths[i], row[i].length() + extra);
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? row[i] + afterFirst : row[i];
                line.append(cell);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }
}
