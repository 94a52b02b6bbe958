package io.nst;

/** How the Gatys method updates the image. */
public enum Optimizer {
    /** Limited-memory BFGS with a backtracking line search: converges in few iterations. */
    LBFGS,
    /** Adam: first-order, steady, tunable with {@link StyleTransfer.Builder#learningRate}. */
    ADAM
}
