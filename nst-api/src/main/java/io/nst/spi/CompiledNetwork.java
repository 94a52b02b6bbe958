package io.nst.spi;

import io.nst.net.FloatTensor;

/**
 * A feed-forward network compiled for one engine, for inference: image in, image out. Holds
 * native memory until closed. Not thread-safe.
 */
public interface CompiledNetwork extends AutoCloseable {

    /** Runs the network on one channels-first tensor. */
    FloatTensor apply(FloatTensor input);

    @Override
    void close();
}
