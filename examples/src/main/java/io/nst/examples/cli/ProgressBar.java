package io.nst.examples.cli;

import io.nst.Progress;
import io.nst.ProgressListener;
import java.io.PrintStream;

/**
 * Draws a one-line progress bar on a terminal; elsewhere prints a line every tenth of the run.
 */
final class ProgressBar implements ProgressListener {

    private final PrintStream out;
    private final boolean terminal;
    private int lastDecile = -1;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ProgressBar onStderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public void onProgress(Progress p) {
        double fraction = (double) p.iteration() / p.totalIterations();
        double perIteration = p.elapsedSeconds() / p.iteration();
        String figures = String.format("%d/%d  loss %.4g (content %.3g, style %.3g, tv %.3g)  %.2f s/it  ETA %s",
                p.iteration(), p.totalIterations(), p.totalLoss(), p.contentLoss(), p.styleLoss(), p.tvLoss(),
                perIteration, eta(perIteration * (p.totalIterations() - p.iteration())));
        if (terminal) {
            int filled = (int) Math.round(fraction * 30);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] " + figures + "   ");
            if (p.iteration() == p.totalIterations()) {
                out.println();
            }
            out.flush();
        } else {
            int decile = (int) (fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(figures);
            }
        }
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
