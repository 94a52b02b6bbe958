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
                        "%d/%d  loss %.4g (content %.3g, style %.3g, tv %.3g)  %.2f s/it  ETA %s",
                        p.iteration(),
                        p.totalIterations(),
                        p.losses().total(),
                        p.losses().content(),
                        p.losses().style(),
                        p.losses().tv(),
                        perIteration,
                        TerminalBar.eta(perIteration * (p.totalIterations() - p.iteration()))));
    }
}
