package io.nst;

import java.util.Objects;

/**
 * The fast method's settings: which trained network, the size photos are stylized at, the
 * largest tile, and the precision the network runs at. Immutable and safe to share; each {@code with} method checks its value at once and
 * returns a changed copy.
 */
public final class FastOptions extends OnePassOptions<FastOptions> {

    private static final FastOptions DEFAULTS = new FastOptions(null, OnePassSize.DEFAULT, Precision.FP32);

    private final String model;
    private final Precision precision;

    private FastOptions(String model, OnePassSize sizing, Precision precision) {
        super(sizing);
        this.model = model;
        this.precision = precision;
    }

    /**
     * No model yet (builders refuse to build without one), photos at their own size, tiles of
     * 1024 pixels, 32-bit floats.
     */
    public static FastOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The network {@code model}: a pretrained style ({@code wave}, {@code udnie}, {@code la_muse},
     * {@code rain_princess}, {@code scream}, {@code wreck}, {@code mathura}, {@code matilde_perez},
     * {@code matta}), a model directory, or a saved model of an engine on the class path (an
     * {@code .onnx} file, a SavedModel directory); photos at their own size.
     *
     * @throws IllegalArgumentException if {@code model} is blank
     * @throws NullPointerException if {@code model} is null
     */
    public static FastOptions of(String model) {
        return DEFAULTS.withModel(model);
    }

    /**
     * The same with another network; see {@link #of(String)}.
     *
     * @throws IllegalArgumentException if {@code model} is blank
     * @throws NullPointerException if {@code model} is null
     */
    public FastOptions withModel(String model) {
        Objects.requireNonNull(model, "model");
        Limits.requireArgument(!model.isBlank(), "model must name a style or a directory, got '%s'", model);
        return new FastOptions(model, sizing(), precision);
    }

    /**
     * The same at another precision (default {@link Precision#FP32}). {@link Precision#BF16} and
     * {@link Precision#INT8} need a backend that can run them (TensorFlow on a CPU with bfloat16
     * instructions, ONNX Runtime) and a network description (a pretrained style or a model
     * directory, not an engine's saved model); building the stylizer checks both.
     *
     * @throws NullPointerException if {@code precision} is null
     */
    public FastOptions withPrecision(Precision precision) {
        return new FastOptions(model, sizing(), Objects.requireNonNull(precision, "precision"));
    }

    @Override
    FastOptions withSizing(OnePassSize sizing) {
        return new FastOptions(model, sizing, precision);
    }

    @Override
    public Method method() {
        return Method.FAST;
    }

    /** The network: a pretrained style's name, a model directory or a saved model; null until set. */
    public String model() {
        return model;
    }

    /** The precision the network runs at. */
    public Precision precision() {
        return precision;
    }

    @Override
    public String toString() {
        return "FastOptions[model=" + model + ", " + sizingText() + ", precision=" + precision + "]";
    }
}
