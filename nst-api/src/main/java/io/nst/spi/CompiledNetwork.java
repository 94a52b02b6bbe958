package io.nst.spi;

import io.nst.net.FloatTensor;

/**
 * A feed-forward network compiled for one engine, for inference: image (and the condition vector
 * of a conditional network) in, image out. Holds
 * native memory until closed. Not thread-safe.
 */
public interface CompiledNetwork extends AutoCloseable {

    /** Runs a network that takes no condition on one channels-first tensor. */
    default FloatTensor apply(FloatTensor input) {
        return apply(input, new float[0]);
    }

    /**
     * Runs the network on one channels-first tensor with its condition vector (see {@link
     * io.nst.net.NetworkSpec#conditionSize()}; empty for a network that takes none).
     *
     * @throws IllegalArgumentException if {@code condition} does not fit the network
     */
    FloatTensor apply(FloatTensor input, float[] condition);

    @Override
    void close();
}
