package io.nst.fast;

import io.nst.LossTerms;
import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/** One report of a training run: the step, the last batch's weighted losses, the speed. Immutable. */
public final class TrainingProgress {

    private final int iteration;
    private final int iterations;
    private final LossTerms loss;
    private final double imagesPerSecond;
    private final double etaSeconds;
    private final Supplier<BufferedImage> preview;

    TrainingProgress(
            int iteration,
            int iterations,
            LossTerms loss,
            double imagesPerSecond,
            double etaSeconds,
            Supplier<BufferedImage> preview) {
        this.iteration = iteration;
        this.iterations = iterations;
        this.loss = loss;
        this.imagesPerSecond = imagesPerSecond;
        this.etaSeconds = etaSeconds;
        this.preview = preview;
    }

    /** Steps done. */
    public int iteration() {
        return iteration;
    }

    /** Steps planned. */
    public int iterations() {
        return iterations;
    }

    /** The last batch's weighted loss terms. */
    public LossTerms losses() {
        return loss;
    }

    /** Training throughput so far in this run. */
    public double imagesPerSecond() {
        return imagesPerSecond;
    }

    /** Estimated seconds to the end. */
    public double etaSeconds() {
        return etaSeconds;
    }

    /**
     * The validation photo rendered with the current weights: costly, so call it on demand, on
     * the training's thread, from the listener.
     *
     * @throws IllegalStateException if the trainer was given no validation photo
     */
    public BufferedImage preview() {
        return preview.get();
    }
}
