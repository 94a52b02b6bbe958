package io.nst.gatys;

/** A differentiable function of the pixels, as the optimisers see it. */
@FunctionalInterface
interface Objective {

    /** Returns f(x) and writes its gradient into {@code gradient}. */
    double evaluate(float[] x, float[] gradient);
}
