package io.nst.gatys;

/** Improves an image one iteration at a time; holds the current point, value and gradient. */
abstract class PixelOptimizer {

    final Objective objective;
    /** The current point; an optimiser may replace the array rather than copy into it. */
    float[] x;

    float[] gradient;
    double value;
    int evaluations;

    PixelOptimizer(Objective objective, float[] start) {
        this.objective = objective;
        this.x = start.clone();
        this.gradient = new float[start.length];
        this.value = evaluate(x, gradient);
    }

    /** One iteration; afterwards {@link #x}, {@link #value} and {@link #gradient} describe the new point. */
    abstract void iterate();

    final double evaluate(float[] point, float[] gradientOut) {
        double v = evaluateAllowingOverflow(point, gradientOut);
        if (!Double.isFinite(v)) {
            throw new ArithmeticException("the loss became " + v + "; lower the learning rate or weights");
        }
        return v;
    }

    /** The loss, which may be infinite or NaN where a trial step went too far. */
    final double evaluateAllowingOverflow(float[] point, float[] gradientOut) {
        evaluations++;
        return objective.evaluate(point, gradientOut);
    }
}
