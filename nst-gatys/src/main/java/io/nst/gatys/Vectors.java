package io.nst.gatys;

import java.util.stream.IntStream;

/**
 * The image-sized arithmetic of the optimisers. It runs between network evaluations, so each
 * pass over the image counts: the L-BFGS passes touch the whole history at once and are split
 * into fixed chunks run in parallel. Sums are formed per block of {@link #BLOCK} elements in
 * float, then per chunk and across chunks in double, always in the same order, so results do not
 * depend on the number of threads (deterministic).
 */
final class Vectors {

    /** Elements per float partial sum: short enough that float rounding stays near 1e-6. */
    private static final int BLOCK = 256;
    /** Elements per parallel task: 64 KB of each array, large enough to amortise a task. */
    private static final int CHUNK = 16384;

    private Vectors() {}

    /** Works on the elements {@code [from, to)}. */
    @FunctionalInterface
    private interface RangeTask {
        void run(int from, int to);
    }

    /** Accumulates one chunk's results into {@code out}. */
    @FunctionalInterface
    private interface ChunkKernel {
        void run(int from, int to, double[] out);
    }

    /** Runs {@code task} over the chunks of {@code [0, n)} in parallel. */
    private static void forEachChunk(int n, RangeTask task) {
        IntStream.range(0, (n + CHUNK - 1) / CHUNK)
                .parallel()
                .forEach(c -> task.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    /** Runs {@code kernel} over the chunks of {@code [0, n)} in parallel; one result row per chunk. */
    private static double[][] overChunks(int n, int width, ChunkKernel kernel) {
        double[][] partial = new double[(n + CHUNK - 1) / CHUNK][width];
        forEachChunk(n, (from, to) -> kernel.run(from, to, partial[from / CHUNK]));
        return partial;
    }

    /**
     * Writes {@code y[k] = trialGradient - gradient} and returns, for each {@code i <= k}, the
     * four products {@code s_i . tg, y_i . tg, s_i . y_k, y_i . y_k} (tg = trialGradient) at
     * index {@code 4 i}: one pass over the history.
     */
    static double[] newPairProducts(float[] gradient, float[] trialGradient, float[][] s, float[][] y, int k) {
        float[] yk = y[k];
        double[][] partial = overChunks(yk.length, 4 * (k + 1), (from, to, out) -> {
            for (int b = from; b < to; b += BLOCK) {
                int e = Math.min(to, b + BLOCK);
                for (int i = b; i < e; i++) {
                    yk[i] = trialGradient[i] - gradient[i];
                }
                for (int p = 0; p <= k; p++) {
                    float[] sp = s[p];
                    float[] yp = y[p];
                    float sTg = 0;
                    float yTg = 0;
                    float sYk = 0;
                    float yYk = 0;
                    for (int i = b; i < e; i++) {
                        sTg += sp[i] * trialGradient[i];
                        yTg += yp[i] * trialGradient[i];
                        sYk += sp[i] * yk[i];
                        yYk += yp[i] * yk[i];
                    }
                    out[4 * p] += sTg;
                    out[4 * p + 1] += yTg;
                    out[4 * p + 2] += sYk;
                    out[4 * p + 3] += yYk;
                }
            }
        });
        double[] total = new double[4 * (k + 1)];
        for (double[] row : partial) {
            for (int j = 0; j < total.length; j++) {
                total[j] += row[j];
            }
        }
        return total;
    }

    /**
     * {@code out = a * g + sum_i sa[i] * s[i] + ya[i] * y[i]} over the first {@code sa.length}
     * pairs; returns {@code {g . out, max |out|}}.
     */
    static double[] combine(float a, float[] g, float[][] s, float[] sa, float[][] y, float[] ya, float[] out) {
        double[][] partial = overChunks(g.length, 2, (from, to, result) -> {
            for (int b = from; b < to; b += BLOCK) {
                int e = Math.min(to, b + BLOCK);
                for (int i = b; i < e; i++) {
                    out[i] = a * g[i];
                }
                for (int p = 0; p < sa.length; p++) {
                    float[] sp = s[p];
                    float[] yp = y[p];
                    float sc = sa[p];
                    float yc = ya[p];
                    for (int i = b; i < e; i++) {
                        out[i] += sc * sp[i] + yc * yp[i];
                    }
                }
                float slope = 0;
                float max = 0;
                for (int i = b; i < e; i++) {
                    slope += g[i] * out[i];
                    max = Math.max(max, Math.abs(out[i]));
                }
                result[0] += slope;
                result[1] = Math.max(result[1], max);
            }
        });
        double slope = 0;
        double max = 0;
        for (double[] row : partial) {
            slope += row[0];
            max = Math.max(max, row[1]);
        }
        return new double[] {slope, max};
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

    /** {@code out = x + a * d}. */
    static void step(float[] x, float a, float[] d, float[] out) {
        forEachChunk(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = x[i] + a * d[i];
            }
        });
    }
}
