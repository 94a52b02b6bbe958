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

    // SciPy's default; 20 pairs reached the same loss on real transfers and cost twice the memory traffic.
    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 10;
    private static final double MAX_PIXEL_STEP = 0.5;

    private record Pair(float[] s, float[] y, double rho, double yy) {}

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
        double slope = Vectors.dot(gradient, direction);
        if (!(slope < 0)) {
            history.clear();
            computeDirection();
            slope = Vectors.dot(gradient, direction);
        }
        double step = history.isEmpty() ? Math.min(1, 1 / Math.max(Vectors.l1(gradient), 1e-12)) : 1;
        // Pixels live in [0, 1]: a trial that moves any of them by more than MAX_PIXEL_STEP is a
        // curvature model gone wrong, and can overflow the network, so it is shortened up front.
        step = Math.min(step, MAX_PIXEL_STEP / Math.max(Vectors.maxAbs(direction), 1e-12));
        double trialValue = Double.NaN;
        for (int attempt = 0; attempt <= MAX_BACKTRACKS; attempt++) {
            Vectors.step(x, (float) step, direction, trial);
            // A step too long can overflow the network (NaN, infinity): that is a failed trial.
            trialValue = evaluateAllowingOverflow(trial, trialGradient);
            if (trialValue <= value + ARMIJO * step * slope) {
                break;
            }
            step /= 2;
        }
        if (!(trialValue < value)) {
            // No progress along this direction (or only overflow): forget the curvature model and
            // try again next time from the same point.
            history.clear();
            return;
        }
        // The oldest pair's arrays are reused for the newest, so that no image-sized array is allocated.
        Pair oldest = history.size() == MEMORY ? history.removeFirst() : null;
        float[] s = oldest == null ? new float[x.length] : oldest.s();
        float[] y = oldest == null ? new float[x.length] : oldest.y();
        Vectors.difference(trial, x, s);
        Vectors.difference(trialGradient, gradient, y);
        double sy = Vectors.dot(s, y);
        if (sy > 1e-10) {
            history.addLast(new Pair(s, y, 1 / sy, Vectors.dot(y, y)));
        }
        System.arraycopy(trial, 0, x, 0, x.length);
        System.arraycopy(trialGradient, 0, gradient, 0, x.length);
        value = trialValue;
    }

    /** Two-loop recursion: direction = -H * gradient. */
    private void computeDirection() {
        Vectors.scale(-1, gradient, direction);
        if (history.isEmpty()) {
            return;
        }
        double[] alpha = new double[history.size()];
        int k = history.size() - 1;
        for (Iterator<Pair> it = history.descendingIterator(); it.hasNext(); k--) {
            Pair p = it.next();
            alpha[k] = p.rho() * Vectors.dot(p.s(), direction);
            Vectors.axpy((float) -alpha[k], p.y(), direction);
        }
        Pair last = history.getLast();
        Vectors.scale((float) (1 / (last.rho() * last.yy())), direction, direction);
        k = 0;
        for (Pair p : history) {
            double beta = p.rho() * Vectors.dot(p.y(), direction);
            Vectors.axpy((float) (alpha[k] - beta), p.s(), direction);
            k++;
        }
    }
}
