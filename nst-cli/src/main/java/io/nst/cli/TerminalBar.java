package io.nst.cli;

import java.io.PrintStream;

/** A one-line progress bar on a terminal; elsewhere a line per tenth of the run. */
final class TerminalBar {

    private final PrintStream out;
    private final boolean terminal;
    private int lastDecile = -1;

    TerminalBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static TerminalBar onStderr() {
        return new TerminalBar(System.err, System.console() != null);
    }

    void show(int done, int total, String figures) {
        double fraction = (double) done / total;
        if (terminal) {
            int filled = (int) Math.round(fraction * 30);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] " + figures + "   ");
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
