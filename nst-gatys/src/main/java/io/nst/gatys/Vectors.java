package io.nst.gatys;

/**
 * The vector arithmetic of the optimisers, written so that the JIT can vectorise it: the
 * optimiser runs between network evaluations, so each pass over the image counts. Reductions
 * keep four double-precision partial sums, always in the same order (deterministic).
 */
final class Vectors {

    private Vectors() {}

    static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double l1(float[] a) {
        double s0 = 0;
        double s1 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            s0 += Math.abs(a[i]);
            s1 += Math.abs(a[i + 1]);
        }
        for (; i < n; i++) {
            s0 += Math.abs(a[i]);
        }
        return s0 + s1;
    }

    static double maxAbs(float[] a) {
        float max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** {@code y += a * x}. */
    static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code out = x + a * d}. */
    static void step(float[] x, float a, float[] d, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + a * d[i];
        }
    }

    /** {@code out = a - b}. */
    static void difference(float[] a, float[] b, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
    }

    /** {@code out = a * x}. */
    static void scale(float a, float[] x, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a * x[i];
        }
    }
}
