package io.nst.gatys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    /** An ill-conditioned quadratic sum_i c_i (x_i - 1)^2 with curvatures from 1 to 1000. */
    private static final Objective QUADRATIC = (x, g) -> {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double c = Math.pow(1000, (double) i / (x.length - 1));
            double d = x[i] - 1;
            f += c * d * d;
            g[i] = (float) (2 * c * d);
        }
        return f;
    };

    @Test
    void lbfgsSolvesAnIllConditionedQuadraticLikeScipy() {
        // SciPy's L-BFGS-B with 10 pairs: f = 0.094 after 60 iterations (62 evaluations), x within
        // 2e-5 of the optimum after 200. The start is f = 7599.
        Lbfgs lbfgs = new Lbfgs(QUADRATIC, new float[50]);
        double start = lbfgs.value;
        for (int i = 0; i < 60; i++) {
            lbfgs.iterate();
        }
        assertTrue(lbfgs.value < 0.2, "f = " + lbfgs.value + " from " + start);
        assertTrue(lbfgs.evaluations < 90, "line searches stay cheap: " + lbfgs.evaluations + " evaluations");
        for (int i = 0; i < 140; i++) {
            lbfgs.iterate();
        }
        for (float v : lbfgs.x) {
            assertEquals(1, v, 1e-3);
        }
    }

    @Test
    void compactDirectionEqualsTheTwoLoopRecursion() {
        Lbfgs lbfgs = new Lbfgs(QUADRATIC, new float[50]);
        for (int iteration = 0; iteration < 25; iteration++) {
            lbfgs.iterate();
            if (lbfgs.count == 0) {
                continue;
            }
            double[] slopeAndMax = lbfgs.computeDirection();
            double[] expected = twoLoopDirection(lbfgs);
            double scale = 0;
            double slope = 0;
            for (int i = 0; i < expected.length; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
                slope += lbfgs.gradient[i] * expected[i];
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], lbfgs.direction[i], 1e-3 * scale, "iteration " + iteration + ", entry " + i);
            }
            assertEquals(slope, slopeAndMax[0], 1e-3 * Math.abs(slope));
            assertEquals(scale, slopeAndMax[1], 1e-3 * scale);
        }
        assertEquals(Lbfgs.MEMORY, lbfgs.count, "the history filled up and dropped its oldest pairs");
    }

    /** Nocedal and Wright, algorithm 7.4, in double precision on the optimiser's stored pairs. */
    private static double[] twoLoopDirection(Lbfgs lbfgs) {
        int k = lbfgs.count;
        int n = lbfgs.gradient.length;
        double[][] s = new double[k][n];
        double[][] y = new double[k][n];
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < n; i++) {
                s[p][i] = lbfgs.stepLength[p] * lbfgs.s[p][i];
                y[p][i] = lbfgs.y[p][i];
            }
        }
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = -lbfgs.gradient[i];
        }
        double[] alpha = new double[k];
        for (int p = k - 1; p >= 0; p--) {
            alpha[p] = dot(s[p], q) / dot(s[p], y[p]);
            for (int i = 0; i < n; i++) {
                q[i] -= alpha[p] * y[p][i];
            }
        }
        double gamma = dot(s[k - 1], y[k - 1]) / dot(y[k - 1], y[k - 1]);
        for (int i = 0; i < n; i++) {
            q[i] *= gamma;
        }
        for (int p = 0; p < k; p++) {
            double beta = dot(y[p], q) / dot(s[p], y[p]);
            for (int i = 0; i < n; i++) {
                q[i] += (alpha[p] - beta) * s[p][i];
            }
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void lbfgsGivesTheSameBitsOnOneThreadAsOnSeveral() throws Exception {
        // 50000 values: several of the chunks that the history passes run in parallel
        float[] one = lbfgsInPool(1, 50000);
        float[] several = lbfgsInPool(3, 50000);
        assertArrayEquals(one, several);
    }

    private static float[] lbfgsInPool(int threads, int size) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> {
                        Lbfgs lbfgs = new Lbfgs(QUADRATIC, new float[size]);
                        for (int i = 0; i < 15; i++) {
                            lbfgs.iterate();
                        }
                        return lbfgs.x.clone();
                    })
                    .get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void lbfgsBacksOffFromStepsThatOverflow() {
        // Finite only inside |x| < 2: a long first step must be shortened, not reported as divergence.
        Objective walled = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i]) >= 2) {
                    return Double.NaN;
                }
                f += (x[i] - 1.5) * (x[i] - 1.5);
                g[i] = (float) (2 * (x[i] - 1.5));
            }
            return 1000 * f;
        };
        Lbfgs lbfgs = new Lbfgs(walled, new float[] {-1.9f, 1.9f, 0f});
        for (int i = 0; i < 30; i++) {
            lbfgs.iterate();
        }
        for (float v : lbfgs.x) {
            assertEquals(1.5, v, 1e-3);
        }
    }

    @Test
    void adamDescendsSteadily() {
        Adam adam = new Adam(QUADRATIC, new float[50], 0.05);
        double previous = adam.value;
        for (int i = 0; i < 100; i++) {
            adam.iterate();
        }
        assertTrue(adam.value < 0.01 * previous, "f = " + adam.value);
        assertEquals(101, adam.evaluations);
    }
}
