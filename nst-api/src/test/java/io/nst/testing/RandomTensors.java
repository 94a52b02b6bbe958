package io.nst.testing;

import java.util.Random;

/** Seeded random test data. */
public final class RandomTensors {

    private RandomTensors() {}

    /** {@code n} standard normal values from {@code seed}. */
    public static float[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
