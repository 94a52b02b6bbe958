package io.nst;

/**
 * The settings of one method, as one immutable value: {@link GatysOptions}, {@link FastOptions} or
 * {@link ArbitraryOptions}. {@link StyleTransfer.Builder} builds the one its method uses; a
 * builder of a method's own entry point ({@code FastStylizer}, {@code ArbitraryStylizer}) holds one
 * too.
 */
public sealed interface MethodOptions permits GatysOptions, OnePassOptions {

    /** The method these options are for. */
    Method method();
}
