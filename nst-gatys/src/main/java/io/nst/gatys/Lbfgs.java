package io.nst.gatys;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search. The first trial step of an
 * iteration is the quasi-Newton step, which is almost always accepted, so an iteration usually
 * costs one evaluation; the search only adds evaluations when the model overshoots.
 *
 * <p>The quasi-Newton direction comes from the compact representation of Byrd, Nocedal and
 * Schnabel (1994), not the two-loop recursion: the same inverse-Hessian approximation, but the
 * image-sized work is two passes per iteration, each split across the cores, instead of 4m
 * dependent single-threaded ones. Reading the history is bound by memory bandwidth, and with Tiny
 * Darknet (40 ms per evaluation at 256 px) the two-loop recursion alone cost a tenth of an
 * evaluation.
 */
final class Lbfgs extends PixelOptimizer {

    // Each pair is read twice per iteration, which is most of what the optimiser costs next to a
    // cheap network. On three real transfers (200 iterations) 7 pairs ended within 1 % of the loss
    // of 10 (SciPy's default), once lower and twice higher; 5 lost up to 2.4 %.
    static final int MEMORY = 7;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 10;
    private static final double MAX_PIXEL_STEP = 0.5;
    private static final double MIN_CURVATURE = 1e-10;

    /**
     * Steps and gradient changes, oldest first; slot {@link #count} receives the next candidate.
     * A step is kept as the direction it went along, {@code s_i = stepLength[i] * s[i]}: the
     * direction array itself joins the history, so the step is never written out.
     */
    final float[][] s = new float[MEMORY + 1][];

    final double[] stepLength = new double[MEMORY + 1];
    final float[][] y = new float[MEMORY + 1][];
    int count;
    /** {@code s_i . y_j} for {@code i <= j}: the upper triangle is the compact form's R. */
    private final double[][] sy = new double[MEMORY + 1][MEMORY + 1];
    /** {@code y_i . y_j}, symmetric. */
    private final double[][] yy = new double[MEMORY + 1][MEMORY + 1];
    /** {@code s_i . g} and {@code y_i . g} at the current point. */
    private final double[] sg = new double[MEMORY + 1];

    private final double[] yg = new double[MEMORY + 1];

    float[] direction;
    private float[] trial;
    private float[] trialGradient;

    Lbfgs(Objective objective, float[] start) {
        super(objective, start);
        direction = new float[start.length];
        trial = new float[start.length];
        trialGradient = new float[start.length];
    }

    @Override
    void iterate() {
        double[] slopeAndMax = computeDirection();
        if (!(slopeAndMax[0] < 0)) {
            count = 0;
            slopeAndMax = computeDirection();
        }
        double slope = slopeAndMax[0];
        double step = count == 0 ? Math.min(1, 1 / Math.max(Vectors.l1(gradient), 1e-12)) : 1;
        // Pixels live in [0, 1]: a trial that moves any of them by more than MAX_PIXEL_STEP is a
        // curvature model gone wrong, and can overflow the network, so it is shortened up front.
        step = Math.min(step, MAX_PIXEL_STEP / Math.max(slopeAndMax[1], 1e-12));
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
            count = 0;
            return;
        }
        updateHistory(step);
        // The trial becomes the current point by swapping arrays: copying them cost 2 passes.
        float[] previous = x;
        x = trial;
        trial = previous;
        previous = gradient;
        gradient = trialGradient;
        trialGradient = previous;
        value = trialValue;
    }

    /**
     * Adds the pair (step taken, gradient change) if it has positive curvature, and computes in
     * one pass every inner product the compact form needs at the trial point.
     */
    private void updateHistory(double step) {
        int c = count;
        if (y[c] == null) {
            y[c] = new float[x.length];
        }
        float[] spare = s[c];
        s[c] = direction;
        stepLength[c] = step;
        double[] dots = Vectors.newPairProducts(gradient, trialGradient, s, y, c);
        for (int i = 0; i <= c; i++) {
            sg[i] = stepLength[i] * dots[4 * i];
            yg[i] = dots[4 * i + 1];
        }
        double curvature = stepLength[c] * dots[4 * c + 2];
        if (!(curvature > MIN_CURVATURE)) {
            s[c] = spare;
            return;
        }
        for (int i = 0; i <= c; i++) {
            sy[i][c] = stepLength[i] * dots[4 * i + 2];
            yy[i][c] = dots[4 * i + 3];
            yy[c][i] = yy[i][c];
        }
        direction = spare != null ? spare : new float[x.length];
        count++;
        if (count > MEMORY) {
            dropOldest();
        }
    }

    private void dropOldest() {
        float[] spareS = s[0];
        float[] spareY = y[0];
        for (int i = 0; i < MEMORY; i++) {
            s[i] = s[i + 1];
            stepLength[i] = stepLength[i + 1];
            y[i] = y[i + 1];
            sg[i] = sg[i + 1];
            yg[i] = yg[i + 1];
            for (int j = 0; j < MEMORY; j++) {
                sy[i][j] = sy[i + 1][j + 1];
                yy[i][j] = yy[i + 1][j + 1];
            }
        }
        s[MEMORY] = spareS;
        y[MEMORY] = spareY;
        count = MEMORY;
    }

    /**
     * direction = -H * gradient with {@code H = g I + [S gY] M [S gY]^T} (g = gamma); returns
     * the slope {@code gradient . direction} and the largest |direction| entry.
     */
    double[] computeDirection() {
        int k = count;
        float[] sCoefficients = new float[k];
        float[] yCoefficients = new float[k];
        if (k == 0) {
            return Vectors.combine(-1, gradient, s, sCoefficients, y, yCoefficients, direction);
        }
        double gamma = sy[k - 1][k - 1] / yy[k - 1][k - 1];
        // z = R^-1 S^T g (R upper triangular)
        double[] z = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double sum = sg[i];
            for (int j = i + 1; j < k; j++) {
                sum -= sy[i][j] * z[j];
            }
            z[i] = sum / sy[i][i];
        }
        // w = R^-T ((D + gamma Y^T Y) z - gamma Y^T g)
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            double t = sy[i][i] * z[i] - gamma * yg[i];
            for (int j = 0; j < k; j++) {
                t += gamma * yy[i][j] * z[j];
            }
            for (int j = 0; j < i; j++) {
                t -= sy[j][i] * w[j];
            }
            w[i] = t / sy[i][i];
        }
        // direction = -gamma g - S w + gamma Y z
        for (int i = 0; i < k; i++) {
            sCoefficients[i] = (float) (-w[i] * stepLength[i]);
            yCoefficients[i] = (float) (gamma * z[i]);
        }
        return Vectors.combine((float) -gamma, gradient, s, sCoefficients, y, yCoefficients, direction);
    }
}
