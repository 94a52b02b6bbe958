package io.nst.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on a terminal, fitted to its width (a longer line would wrap and every
 * update would add a line); elsewhere a line per tenth of the run.
 */
final class TerminalBar {

    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final int columns;
    private int lastDecile = -1;

    TerminalBar(PrintStream out, boolean terminal, int columns) {
        this.out = out;
        this.terminal = terminal;
        this.columns = columns;
    }

    static TerminalBar onStderr() {
        return new TerminalBar(System.err, System.console() != null, columns(System.getenv("NST_COLUMNS")));
    }

    /** The terminal's width as the launcher measured it ({@code stty size}), else 80. */
    static int columns(String measured) {
        try {
            int columns = measured == null ? 80 : Integer.parseInt(measured.trim());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    void show(int done, int total, String figures) {
        double fraction = (double) done / total;
        if (terminal) {
            // The bar gives way to the figures down to a third of its length, then the figures are cut.
            int bar = Math.max(BAR / 3, Math.min(BAR, columns - 4 - figures.length()));
            int filled = (int) Math.round(fraction * bar);
            String line = "[" + "#".repeat(filled) + ".".repeat(bar - filled) + "] " + figures;
            line = line.length() < columns ? line : line.substring(0, columns - 1);
            // Spaces to the end clear what a longer line before it left.
            out.print("\r" + line + " ".repeat(columns - 1 - line.length()));
            if (done == total) {
                out.println();
            }
            out.flush();
        } else if ((int) (fraction * 10) != lastDecile) {
            lastDecile = (int) (fraction * 10);
            out.println(figures);
        }
    }

    /** The loss and its terms, as both progress lines show them. */
    static String losses(io.nst.LossTerms losses) {
        return String.format(
                "loss %.4g (content %.3g, style %.3g, tv %.3g)",
                losses.total(), losses.content(), losses.style(), losses.tv());
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
