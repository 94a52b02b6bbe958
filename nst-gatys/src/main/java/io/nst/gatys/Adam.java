package io.nst.gatys;

/** Adam (Kingma and Ba) with the usual moment decay rates; one evaluation per iteration. */
final class Adam extends PixelOptimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private int t;

    Adam(Objective objective, float[] start, double learningRate) {
        super(objective, start);
        this.learningRate = learningRate;
        this.m = new double[start.length];
        this.v = new double[start.length];
    }

    @Override
    void iterate() {
        t++;
        double correction1 = 1 - Math.pow(BETA1, t);
        double correction2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < x.length; i++) {
            double g = gradient[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            double update = learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + EPSILON);
            x[i] = (float) (x[i] - update);
        }
        value = evaluate(x, gradient);
    }
}
