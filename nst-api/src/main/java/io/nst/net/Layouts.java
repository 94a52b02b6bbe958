package io.nst.net;

/** Conversions between TensorFlow's kernel layouts and the channels-first ones of {@link Layer}. */
public final class Layouts {

    private Layouts() {}

    /** A convolution kernel {@code [kh, kw, in, out]} (HWIO) as {@code [out, in, kh, kw]}. */
    public static float[] hwioToOihw(float[] hwio, int kh, int kw, int in, int out) {
        float[] oihw = new float[hwio.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * kh + y) * kw + x] = hwio[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return oihw;
    }

    /**
     * A transposed-convolution kernel as TensorFlow stores it, {@code [kh, kw, out, in]}, as
     * {@code [in, out, kh, kw]}: the same permutation as {@link #hwioToOihw} with the roles of
     * the channel axes swapped.
     */
    public static float[] hwoiToIohw(float[] hwoi, int kh, int kw, int out, int in) {
        return hwioToOihw(hwoi, kh, kw, out, in);
    }

    /** A row-major {@code [rows, columns]} matrix as {@code [columns, rows]}: a 1x1 kernel's {@link #oihwToHwio}. */
    public static float[] transpose(float[] matrix, int rows, int columns) {
        return oihwToHwio(matrix, rows, columns, 1, 1);
    }

    /** A kernel {@code [a, b, kh, kw]} as {@code [kh, kw, b, a]}: the inverse of {@link #hwioToOihw}. */
    public static float[] oihwToHwio(float[] oihw, int a, int b, int kh, int kw) {
        float[] hwio = new float[oihw.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        hwio[((y * kw + x) * b + j) * a + i] = oihw[((i * b + j) * kh + y) * kw + x];
                    }
                }
            }
        }
        return hwio;
    }

    /** A TensorFlow Lite convolution kernel {@code [out, kh, kw, in]} (OHWI) as {@code [out, in, kh, kw]}. */
    public static float[] ohwiToOihw(float[] ohwi, int out, int kh, int kw, int in) {
        float[] oihw = new float[ohwi.length];
        for (int o = 0; o < out; o++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int i = 0; i < in; i++) {
                        oihw[((o * in + i) * kh + y) * kw + x] = ohwi[((o * kh + y) * kw + x) * in + i];
                    }
                }
            }
        }
        return oihw;
    }

    /**
     * A depthwise kernel {@code [kh, kw, channels]} (TensorFlow's, multiplier 1) as
     * {@code [channels, kh, kw]}: the OHWI permutation with one output channel.
     */
    public static float[] hwcToChw(float[] hwc, int kh, int kw, int channels) {
        return hwioToOihw(hwc, kh, kw, 1, channels);
    }
}
