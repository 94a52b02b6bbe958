package io.nst.gatys;

/** Adam (Kingma and Ba) with the usual moment decay rates; one evaluation per iteration. */
final class Adam extends PixelOptimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    // float moments, as PyTorch keeps them: half the memory traffic of doubles
    private final float[] m;
    private final float[] v;
    private int t;

    Adam(Objective objective, float[] start, double learningRate) {
        super(objective, start);
        this.learningRate = (float) learningRate;
        this.m = new float[start.length];
        this.v = new float[start.length];
    }

    @Override
    void iterate() {
        t++;
        float stepSize = (float) (learningRate / (1 - Math.pow(BETA1, t)));
        float secondCorrection = (float) (1 / (1 - Math.pow(BETA2, t)));
        for (int i = 0; i < x.length; i++) {
            float g = gradient[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            x[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i] * secondCorrection) + EPSILON);
        }
        value = evaluate(x, gradient);
    }
}
