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
                        "%d/%d  %s  %.2f images/s  ETA %s",
                        p.iteration(),
                        p.iterations(),
                        TerminalBar.losses(p.losses()),
                        p.imagesPerSecond(),
                        TerminalBar.eta(p.etaSeconds())));
    }
}
