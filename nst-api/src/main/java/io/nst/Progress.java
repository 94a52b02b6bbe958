package io.nst;

import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One progress report: the iteration, the weighted loss terms, and a preview of the current
 * image on request. A report may be kept and used from another thread: {@link #cancel()} on any
 * report of a run, at any time, stops the run after the iteration in progress. Thread-safe.
 */
public final class Progress {

    private final int iteration;
    private final int totalIterations;
    private final LossTerms losses;
    private final double elapsedSeconds;
    private final Supplier<BufferedImage> preview;
    private final AtomicBoolean runCancelled;

    /**
     * For methods; users receive instances.
     *
     * @param preview renders the current image; only called when {@link #preview()} is
     * @param runCancelled the run's cancellation flag, shared by all its reports and polled by
     *     the run after every iteration
     */
    public Progress(
            int iteration,
            int totalIterations,
            LossTerms losses,
            double elapsedSeconds,
            Supplier<BufferedImage> preview,
            AtomicBoolean runCancelled) {
        this.iteration = iteration;
        this.totalIterations = totalIterations;
        this.losses = losses;
        this.elapsedSeconds = elapsedSeconds;
        this.preview = preview;
        this.runCancelled = runCancelled;
    }

    /** Iterations done so far. */
    public int iteration() {
        return iteration;
    }

    /** The iterations the run will do unless cancelled. */
    public int totalIterations() {
        return totalIterations;
    }

    /** The weighted loss terms of the current image. */
    public LossTerms losses() {
        return losses;
    }

    /** Seconds since the run started. */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    /** The current image (rendered now; costs a conversion). */
    public BufferedImage preview() {
        return preview.get();
    }

    /**
     * Asks the run to stop after the iteration in progress; its result is then marked cancelled.
     * Callable from any thread, also after later reports.
     */
    public void cancel() {
        runCancelled.set(true);
    }

    /** Whether the run was asked to stop (through this report or another of the same run). */
    public boolean isCancelled() {
        return runCancelled.get();
    }
}
