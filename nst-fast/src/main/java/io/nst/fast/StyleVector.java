package io.nst.fast;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A painting's style as the arbitrary-style predictor sees it: {@value #SIZE} numbers. A value to
 * keep (store it with {@link #values()}, restore it with {@link #of(float...)}), blend and
 * interpolate; two paintings differ by about 0.5 rms. Immutable and safe to share between threads.
 */
public final class StyleVector {

    /** The number of values. */
    public static final int SIZE = 100;

    private final float[] values;

    private StyleVector(float[] values) {
        this.values = values;
    }

    /**
     * A style vector from its values, as {@link #values()} gave them.
     *
     * @throws IllegalArgumentException if there are not {@value #SIZE} finite values
     */
    public static StyleVector of(float... values) {
        Objects.requireNonNull(values, "values");
        if (values.length != SIZE) {
            throw new IllegalArgumentException("a style vector has " + SIZE + " values, got " + values.length);
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("a style vector's values must be finite, got " + v);
            }
        }
        return new StyleVector(values.clone());
    }

    /**
     * The weighted mean of {@code vectors}: a blend of several paintings.
     *
     * @throws IllegalArgumentException unless there is one positive weight per vector
     */
    public static StyleVector blend(List<StyleVector> vectors, List<Double> weights) {
        if (vectors.isEmpty() || vectors.size() != weights.size()) {
            throw new IllegalArgumentException(
                    "one weight per style vector: " + vectors.size() + " vectors, " + weights.size() + " weights");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("blend weights must be positive, got " + w);
            }
            total += w;
        }
        float[] out = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double sum = 0;
            for (int k = 0; k < vectors.size(); k++) {
                sum += weights.get(k) * vectors.get(k).values[i];
            }
            out[i] = (float) (sum / total);
        }
        return new StyleVector(out);
    }

    /**
     * {@code (1 - t) * this + t * other}: 0 gives this vector, 1 the other.
     *
     * @throws IllegalArgumentException unless {@code t} is between 0 and 1
     */
    public StyleVector interpolate(StyleVector other, double t) {
        Objects.requireNonNull(other, "other");
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("the interpolation weight must be between 0 and 1, got " + t);
        }
        float[] out = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = (float) ((1 - t) * values[i] + t * other.values[i]);
        }
        return new StyleVector(out);
    }

    /** A copy of the values. */
    public float[] values() {
        return values.clone();
    }

    /** The values themselves, for this package's networks (never changed). */
    float[] shared() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StyleVector v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "StyleVector" + Arrays.toString(Arrays.copyOf(values, 4)).replace("]", ", ...]");
    }
}
