package io.nst;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The fast method's settings: which trained network, the size photos are stylized at, and the
 * largest tile. Immutable and safe to share; each {@code with} method checks its value at once and
 * returns a changed copy.
 */
public final class FastOptions implements MethodOptions {

    /** Largest padded side stylized in one piece by default: keeps a 4096x4096 image under 2 GB. */
    public static final int DEFAULT_MAX_TILE = OnePassSize.DEFAULT_MAX_TILE;

    private final String model;
    private final OnePassSize sizing;

    private FastOptions(String model, OnePassSize sizing) {
        this.model = model;
        this.sizing = sizing;
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
        return new FastOptions(checkModel(model), OnePassSize.DEFAULT);
    }

    private static final FastOptions DEFAULTS = new FastOptions(null, OnePassSize.DEFAULT);

    /** No model yet (builders refuse to build without one), photos at their own size, tiles of 1024 pixels. */
    public static FastOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The same with another network; see {@link #of(String)}.
     *
     * @throws IllegalArgumentException if {@code model} is blank
     * @throws NullPointerException if {@code model} is null
     */
    public FastOptions withModel(String model) {
        return new FastOptions(checkModel(model), sizing);
    }

    /**
     * The same with photos scaled to this long side first, {@value Limits#MIN_SIZE} to
     * {@value Limits#MAX_SIZE} pixels.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public FastOptions withSize(int pixels) {
        return new FastOptions(model, sizing.withSize(pixels));
    }

    /**
     * The same with another largest tile: photos whose padded long side exceeds it are stylized in
     * overlapping tiles with instance-norm statistics from the whole photo (at least 132; default
     * {@value #DEFAULT_MAX_TILE}). Tiling bounds memory and costs time.
     *
     * @throws IllegalArgumentException if {@code pixels} is below 132
     */
    public FastOptions withMaxTile(int pixels) {
        return new FastOptions(model, sizing.withMaxTile(pixels));
    }

    @Override
    public Method method() {
        return Method.FAST;
    }

    /** The network: a pretrained style's name, a model directory or a saved model; null until set. */
    public String model() {
        return model;
    }

    /** The long side photos are scaled to, or empty to keep each photo's own size. */
    public OptionalInt size() {
        return sizing.requested();
    }

    /** The largest tile side stylized at once. */
    public int maxTile() {
        return sizing.maxTile();
    }

    private static String checkModel(String model) {
        Objects.requireNonNull(model, "model");
        Limits.requireArgument(!model.isBlank(), "model must name a style or a directory, got '%s'", model);
        return model;
    }

    @Override
    public String toString() {
        return "FastOptions[model=" + model + ", size=" + (sizing.size() == 0 ? "own" : sizing.size()) + ", maxTile="
                + sizing.maxTile() + "]";
    }
}
