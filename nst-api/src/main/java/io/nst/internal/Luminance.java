package io.nst.internal;

import io.nst.net.FloatTensor;

/**
 * Luminance-only transfer (Gatys et al., "Preserving color in neural artistic style transfer"):
 * stylize grey images whose luminance statistics match, then put the content's chrominance back.
 * Uses the YIQ colour space. Methods use it for {@code preserveColors}: Gatys stylizes grey images,
 * one-pass methods recolour their output. Stateless; safe to call from any thread.
 */
public final class Luminance {

    private Luminance() {}

    /** The luminance of an RGB image. */
    public static float[] of(FloatTensor rgb) {
        int n = rgb.positions();
        float[] d = rgb.data();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = 0.299f * d[i] + 0.587f * d[n + i] + 0.114f * d[2 * n + i];
        }
        return y;
    }

    /** A grey RGB image of {@code image}'s luminance. */
    public static FloatTensor grey(FloatTensor image) {
        return repeat(of(image), image.height(), image.width());
    }

    /** A grey RGB image of {@code style}'s luminance with the mean and spread of {@code content}'s. */
    public static FloatTensor greyMatched(FloatTensor style, FloatTensor content) {
        float[] ys = of(style);
        float[] yc = of(content);
        double ms = mean(ys);
        double mc = mean(yc);
        double ss = std(ys, ms);
        double sc = std(yc, mc);
        double scale = ss > 1e-6 ? sc / ss : 1;
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) ((ys[i] - ms) * scale + mc);
        }
        return repeat(ys, style.height(), style.width());
    }

    /** RGB with the luminance of {@code stylized} and the chrominance (I, Q) of {@code content}. */
    public static FloatTensor recolor(FloatTensor stylized, FloatTensor content) {
        int n = content.positions();
        float[] y = of(stylized);
        float[] c = content.data();
        float[] out = new float[3 * n];
        for (int p = 0; p < n; p++) {
            float r = c[p];
            float g = c[n + p];
            float b = c[2 * n + p];
            float i = 0.596f * r - 0.274f * g - 0.322f * b;
            float q = 0.211f * r - 0.523f * g + 0.312f * b;
            out[p] = y[p] + 0.956f * i + 0.621f * q;
            out[n + p] = y[p] - 0.272f * i - 0.647f * q;
            out[2 * n + p] = y[p] - 1.106f * i + 1.703f * q;
        }
        return content.withData(out);
    }

    private static FloatTensor repeat(float[] y, int height, int width) {
        int n = y.length;
        float[] out = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(y, 0, out, c * n, n);
        }
        return new FloatTensor(3, height, width, out);
    }

    private static double mean(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f;
        }
        return sum / v.length;
    }

    private static double std(float[] v, double mean) {
        double sum = 0;
        for (float f : v) {
            sum += (f - mean) * (f - mean);
        }
        return Math.sqrt(sum / v.length);
    }
}
