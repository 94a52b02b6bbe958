package io.nst.examples.cli;

import io.nst.fast.TrainingProgress;
import java.io.PrintStream;

/** Training progress: a bar on a terminal, a line per tenth of the run elsewhere. */
final class TrainingBar {

    private final PrintStream out;
    private final boolean terminal;
    private int lastDecile = -1;

    TrainingBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(TrainingProgress p) {
        double fraction = (double) p.iteration() / p.iterations();
        String figures = String.format("%d/%d  loss %.4g (content %.3g, style %.3g, tv %.3g)  %.2f images/s  ETA %ds",
                p.iteration(), p.iterations(), p.loss().total(), p.loss().content(), p.loss().style(), p.loss().tv(),
                p.imagesPerSecond(), Math.round(p.etaSeconds()));
        if (terminal) {
            int filled = (int) Math.round(fraction * 30);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] " + figures + "   ");
            if (p.iteration() == p.iterations()) {
                out.println();
            }
            out.flush();
        } else if ((int) (fraction * 10) != lastDecile) {
            lastDecile = (int) (fraction * 10);
            out.println(figures);
        }
    }
}
