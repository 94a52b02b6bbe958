package io.nst;

import io.nst.internal.EnumNames;

/** How the Gatys method updates the image. */
public enum Optimizer {
    /** Limited-memory BFGS with a backtracking line search: converges in few iterations. */
    LBFGS,
    /** Adam: first-order, steady, tunable with {@link StyleTransfer.Builder#learningRate}. */
    ADAM;

    /**
     * Parses {@code lbfgs} or {@code adam}, ignoring case.
     *
     * @throws IllegalArgumentException naming the text otherwise
     */
    public static Optimizer parse(String text) {
        return EnumNames.parse(Optimizer.class, text, "optimizer");
    }
}
