package io.nst.cli;

import io.nst.fast.TrainingProgress;

/** Training progress: step, each loss term, images per second and ETA, on a {@link TerminalBar}. */
final class TrainingBar {

    private final TerminalBar bar = TerminalBar.onStderr();

    void show(TrainingProgress p) {
        bar.show(
                p.iteration(),
                p.iterations(),
                String.format(
                        "%d/%d  loss %.4g (content %.3g, style %.3g, tv %.3g)  %.2f images/s  ETA %s",
                        p.iteration(),
                        p.iterations(),
                        p.losses().total(),
                        p.losses().content(),
                        p.losses().style(),
                        p.losses().tv(),
                        p.imagesPerSecond(),
                        TerminalBar.eta(p.etaSeconds())));
    }
}
