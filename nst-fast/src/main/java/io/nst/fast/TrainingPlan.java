package io.nst.fast;

import io.nst.FeatureNetwork;
import io.nst.LossWeights;
import io.nst.internal.CopiedValues;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A training's settings as one value that is never changed once made: a builder replaces it with
 * {@link #with}, so that a trainer and the builders derived from it share it safely.
 */
final class TrainingPlan extends CopiedValues<TrainingPlan> {
    static final TrainingPlan DEFAULTS = new TrainingPlan();

    Path style;
    Path dataset;
    Path output;
    Path validation;
    int size = 256;
    int batch = 4;
    int iterations = 2000;
    int epochs;
    double learningRate = 1e-3;
    LossWeights weights = LossWeights.DEFAULT;
    FeatureNetwork features;
    StyleTrainer.Width width = StyleTrainer.Width.FULL;
    int checkpointEvery;
    boolean resume;
    long seed;
    Consumer<TrainingProgress> listener;
    int progressEvery = 10;

    private TrainingPlan() {}

    /** Training steps in all: the iterations, or whole passes over {@code photos} when epochs are given. */
    int steps(int photos) {
        return epochs > 0 ? (int) Math.ceil((double) epochs * photos / batch) : iterations;
    }
}
