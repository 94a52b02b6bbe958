package io.nst.gatys;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search. The first trial step of an
 * iteration is the quasi-Newton step, which is almost always accepted, so an iteration usually
 * costs one evaluation; the search only adds evaluations when the model overshoots.
 */
final class Lbfgs extends PixelOptimizer {

    private static final int MEMORY = 20;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 10;

    private record Pair(float[] s, float[] y, double rho) {}

    private final Deque<Pair> history = new ArrayDeque<>();
    private final float[] direction;
    private final float[] trial;
    private final float[] trialGradient;

    Lbfgs(Objective objective, float[] start) {
        super(objective, start);
        direction = new float[start.length];
        trial = new float[start.length];
        trialGradient = new float[start.length];
    }

    @Override
    void iterate() {
        computeDirection();
        double slope = dot(gradient, direction);
        if (!(slope < 0)) {
            history.clear();
            computeDirection();
            slope = dot(gradient, direction);
        }
        double step = history.isEmpty() ? Math.min(1, 1 / l1(gradient)) : 1;
        double trialValue = Double.NaN;
        for (int attempt = 0; attempt <= MAX_BACKTRACKS; attempt++) {
            for (int i = 0; i < x.length; i++) {
                trial[i] = (float) (x[i] + step * direction[i]);
            }
            trialValue = evaluate(trial, trialGradient);
            if (trialValue <= value + ARMIJO * step * slope) {
                break;
            }
            step /= 2;
        }
        if (!(trialValue < value)) {
            // No progress along this direction: forget the curvature model and try again next time.
            history.clear();
            return;
        }
        float[] s = new float[x.length];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = trial[i] - x[i];
            y[i] = trialGradient[i] - gradient[i];
        }
        double sy = dot(s, y);
        if (sy > 1e-10) {
            if (history.size() == MEMORY) {
                history.removeFirst();
            }
            history.addLast(new Pair(s, y, 1 / sy));
        }
        System.arraycopy(trial, 0, x, 0, x.length);
        System.arraycopy(trialGradient, 0, gradient, 0, x.length);
        value = trialValue;
    }

    /** Two-loop recursion: direction = -H * gradient. */
    private void computeDirection() {
        for (int i = 0; i < x.length; i++) {
            direction[i] = -gradient[i];
        }
        if (history.isEmpty()) {
            return;
        }
        double[] alpha = new double[history.size()];
        int k = history.size() - 1;
        for (Iterator<Pair> it = history.descendingIterator(); it.hasNext(); k--) {
            Pair p = it.next();
            alpha[k] = p.rho() * dot(p.s(), direction);
            axpy(-alpha[k], p.y(), direction);
        }
        Pair last = history.getLast();
        double gamma = 1 / (last.rho() * dot(last.y(), last.y()));
        for (int i = 0; i < direction.length; i++) {
            direction[i] = (float) (direction[i] * gamma);
        }
        k = 0;
        for (Pair p : history) {
            double beta = p.rho() * dot(p.y(), direction);
            axpy(alpha[k] - beta, p.s(), direction);
            k++;
        }
    }

    private static void axpy(double a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (y[i] + a * x[i]);
        }
    }

    private static double l1(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += Math.abs(f);
        }
        return Math.max(sum, 1e-12);
    }
}
