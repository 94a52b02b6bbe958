package io.nst.net;

/** Spatial padding rule of a convolution or pooling layer, as TensorFlow and Keras define it. */
public enum Padding {
    /** Output size {@code ceil(in / stride)}; any odd padding goes after (bottom, right). */
    SAME,
    /** No padding; output size {@code floor((in - kernel) / stride) + 1}. */
    VALID;

    /** Output size along one axis. */
    public int outputSize(int in, int kernel, int stride) {
        return this == SAME ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
    }

    /** Padding before (top or left) along one axis. */
    public int before(int in, int kernel, int stride) {
        return total(in, kernel, stride) / 2;
    }

    /** Padding after (bottom or right) along one axis. */
    public int after(int in, int kernel, int stride) {
        int total = total(in, kernel, stride);
        return total - total / 2;
    }

    private int total(int in, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        return Math.max((outputSize(in, kernel, stride) - 1) * stride + kernel - in, 0);
    }
}
