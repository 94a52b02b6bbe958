package io.nst.fast;

import io.nst.loss.LossTerms;
import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/**
 * One report of a training run.
 *
 * @param iteration steps done
 * @param iterations steps planned
 * @param loss the last batch's weighted loss terms
 * @param imagesPerSecond training throughput so far in this run
 * @param etaSeconds estimated time to the end
 * @param preview renders the validation photo with the current weights (costly; call on demand,
 *     on the training's thread, from the listener)
 */
public record TrainingProgress(
        int iteration,
        int iterations,
        LossTerms loss,
        double imagesPerSecond,
        double etaSeconds,
        Supplier<BufferedImage> preview) {}
