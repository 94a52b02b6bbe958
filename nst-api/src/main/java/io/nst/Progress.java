package io.nst;

import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/**
 * One progress report: the iteration, each weighted loss term, and a preview of the current
 * image on request. A report may be kept and read from another thread; {@link #cancel()} stops
 * the run at its next iteration.
 */
public final class Progress {

    private final int iteration;
    private final int totalIterations;
    private final double contentLoss;
    private final double styleLoss;
    private final double tvLoss;
    private final double elapsedSeconds;
    private final Supplier<BufferedImage> preview;
    private boolean cancelled;

    /**
     * For methods; users receive instances.
     *
     * @param preview renders the current image; only called when {@link #preview()} is
     */
    public Progress(
            int iteration,
            int totalIterations,
            double contentLoss,
            double styleLoss,
            double tvLoss,
            double elapsedSeconds,
            Supplier<BufferedImage> preview) {
        this.iteration = iteration;
        this.totalIterations = totalIterations;
        this.contentLoss = contentLoss;
        this.styleLoss = styleLoss;
        this.tvLoss = tvLoss;
        this.elapsedSeconds = elapsedSeconds;
        this.preview = preview;
    }

    /** Iterations done so far. */
    public int iteration() {
        return iteration;
    }

    /** The iterations the run will do unless cancelled. */
    public int totalIterations() {
        return totalIterations;
    }

    /** Weighted content loss. */
    public double contentLoss() {
        return contentLoss;
    }

    /** Weighted style loss. */
    public double styleLoss() {
        return styleLoss;
    }

    /** Weighted total-variation loss. */
    public double tvLoss() {
        return tvLoss;
    }

    /** The sum of the weighted terms. */
    public double totalLoss() {
        return contentLoss + styleLoss + tvLoss;
    }

    /** Seconds since the run started. */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    /** The current image (rendered now; costs a conversion). */
    public BufferedImage preview() {
        return preview.get();
    }

    /** Asks the transfer to stop after this iteration; the result is then marked cancelled. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }
}
