package io.nst.spi;

import io.nst.LossTerms;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import java.util.List;

/**
 * A transfer network being trained on one engine. Holds native memory until closed. Not
 * thread-safe: one thread at a time (any thread, not only the one that made it).
 */
public interface TrainingSession extends AutoCloseable {

    /**
     * One Adam step on a batch of same-sized RGB images in {@code [0, 1]}.
     *
     * @return the batch's mean loss terms before the step
     * @throws ArithmeticException naming what is not finite (a loss term, a gradient); the weights
     *     and the optimiser's state are then as they were before the call
     */
    LossTerms step(List<FloatTensor> batch);

    /** The network with its current weights. */
    NetworkSpec network();

    /** A snapshot for a checkpoint. */
    TrainingState state();

    /** Continues from a snapshot of a session of the same problem. */
    void restore(TrainingState state);

    @Override
    void close();
}
