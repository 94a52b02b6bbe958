package io.nst.spi;

import io.nst.LossTerms;

/**
 * The Gatys objective compiled for one problem on one engine: loss terms and gradient for a
 * candidate image. Holds native memory until closed. Not thread-safe.
 */
public interface GatysObjective extends AutoCloseable {

    /**
     * Evaluates the objective.
     *
     * @param image a candidate, channels-first RGB of the content's size
     * @param gradient receives d total / d image, same length as {@code image}
     */
    LossTerms evaluate(float[] image, float[] gradient);

    @Override
    void close();
}
