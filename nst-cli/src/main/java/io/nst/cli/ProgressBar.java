package io.nst.cli;

import io.nst.Progress;
import io.nst.ProgressListener;

/** Gatys progress: iteration, each loss term, speed and ETA, on a {@link TerminalBar}. */
final class ProgressBar implements ProgressListener {

    private final TerminalBar bar;

    private ProgressBar(TerminalBar bar) {
        this.bar = bar;
    }

    static ProgressBar onStderr() {
        return new ProgressBar(TerminalBar.onStderr());
    }

    @Override
    public void onProgress(Progress p) {
        double perIteration = p.elapsedSeconds() / p.iteration();
        bar.show(
                p.iteration(),
                p.totalIterations(),
                String.format(
                        "%d/%d  %s  %.2f s/it  ETA %s",
                        p.iteration(),
                        p.totalIterations(),
                        TerminalBar.losses(p.losses()),
                        perIteration,
                        TerminalBar.eta(perIteration * (p.totalIterations() - p.iteration()))));
    }
}
