package io.nst.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark's results: printed row by row as they come (a benchmark takes minutes), and
 * kept for a Markdown report.
 */
final class BenchTable {

    private final String title;
    private final String conditions;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final PrintStream out;

    /**
     * Prints {@code conditions} and the column names at once.
     *
     * @param title what is measured, a heading in the report
     * @param conditions how it was measured (repetitions, cores), a line above the table
     */
    BenchTable(PrintStream out, String title, String conditions, String... columns) {
        this.out = out;
        this.title = title;
        this.conditions = conditions;
        this.columns = List.of(columns);
        out.println(conditions);
        out.println(line(this.columns));
    }

    /** Adds and prints a row: one cell per column, already formatted. */
    void add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        out.println(line(row));
    }

    /** The table under a level-3 heading, its conditions as a paragraph. */
    String markdown() {
        StringBuilder text = new StringBuilder("### ").append(title).append("\n\n");
        text.append(conditions).append("\n\n");
        text.append("| ").append(String.join(" | ", columns)).append(" |\n");
        text.append("|").append("---|".repeat(columns.size())).append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return text.append('\n').toString();
    }

    /** Cells padded to their column's name (at least 10 wide), the first left-aligned. */
    private String line(List<String> cells) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            int width = Math.max(10, columns.get(i).length());
            String cell = cells.get(i);
            text.append(
                    i == 0
                            ? String.format("%-" + Math.max(width, 12) + "s", cell)
                            : String.format(" %" + width + "s", cell));
        }
        return text.toString();
    }
}
