package io.nst.net;

import java.util.Arrays;

/**
 * A channels-first float tensor {@code channels x height x width}, row-major: the engine-free
 * currency between the API, the methods and the backends. Images are RGB tensors with values
 * in {@code [0, 1]}.
 *
 * @param channels number of channels, at least 1
 * @param height rows, at least 1
 * @param width columns, at least 1
 * @param data {@code channels * height * width} values, owned by this tensor
 */
public record FloatTensor(int channels, int height, int width, float[] data) {

    public FloatTensor {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "tensor dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
        if (data.length != (long) channels * height * width) {
            throw new IllegalArgumentException(
                    "expected " + channels + "x" + height + "x" + width + " values, got " + data.length);
        }
    }

    /** A zero tensor of the given shape. */
    public static FloatTensor zeros(int channels, int height, int width) {
        return new FloatTensor(channels, height, width, new float[channels * height * width]);
    }

    /** Number of spatial positions, {@code height * width}. */
    public int positions() {
        return height * width;
    }

    /** A deep copy. */
    public FloatTensor copy() {
        return new FloatTensor(channels, height, width, data.clone());
    }

    /** The same values with a new array of the same shape. */
    public FloatTensor withData(float[] newData) {
        return new FloatTensor(channels, height, width, newData);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t
                && t.channels == channels
                && t.height == height
                && t.width == width
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * channels + height) + width) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor[" + channels + "x" + height + "x" + width + "]";
    }
}
