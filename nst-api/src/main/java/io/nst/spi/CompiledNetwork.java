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

    /**
     * As {@link #apply(FloatTensor, float[])}, the result's values in {@code reuse} when it holds
     * exactly as many and the engine can write them there, else in a new array: for a caller that
     * is done with each result before its next call and keeps one array for them all (a 480p
     * frame's result is 5 MB of fresh memory otherwise).
     *
     * @param reuse the array to write the result into, or null
     * @throws IllegalArgumentException if {@code condition} does not fit the network
     */
    default FloatTensor apply(FloatTensor input, float[] condition, float[] reuse) {
        return apply(input, condition);
    }

    /**
     * {@code reuse} when it holds exactly {@code values} floats, else a new array of that many: the
     * rule of {@link #apply(FloatTensor, float[], float[])}, for the engines that implement it.
     */
    static float[] resultArray(float[] reuse, long values) {
        return reuse != null && reuse.length == values ? reuse : new float[Math.toIntExact(values)];
    }

    @Override
    void close();
}
