package io.nst.gatys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
