package io.nst;

import java.util.OptionalInt;

/**
 * What the settings of both one-pass methods have: the long side photos are scaled to and the
 * largest tile stylized at once. Immutable; each {@code with} method checks its value at once and
 * returns a changed copy.
 *
 * @param <O> the concrete options, returned by the {@code with} methods
 */
public abstract sealed class OnePassOptions<O extends OnePassOptions<O>> implements MethodOptions
        permits FastOptions, ArbitraryOptions {

    /** Largest padded side stylized in one piece by default: keeps a 4096x4096 image under 2 GB. */
    public static final int DEFAULT_MAX_TILE = OnePassSize.DEFAULT_MAX_TILE;

    private final OnePassSize sizing;

    OnePassOptions(OnePassSize sizing) {
        this.sizing = sizing;
    }

    /** The same options with other sizing. */
    abstract O withSizing(OnePassSize sizing);

    /**
     * The same with photos scaled to this long side first, {@value Limits#MIN_SIZE} to
     * {@value Limits#MAX_SIZE} pixels (default: each photo's own size).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public final O withSize(int pixels) {
        return withSizing(sizing.withSize(pixels));
    }

    /**
     * The same with another largest tile: photos whose padded long side exceeds it are stylized in
     * overlapping tiles with instance-norm statistics from the whole photo (at least 132; default
     * {@value #DEFAULT_MAX_TILE}). Tiles bound what the engine holds at once, at up to twice the
     * time; the SDK holds the photo's activations between the network's parts.
     *
     * @throws IllegalArgumentException if {@code pixels} is below 132
     */
    public final O withMaxTile(int pixels) {
        return withSizing(sizing.withMaxTile(pixels));
    }

    /** The long side photos are scaled to, or empty to keep each photo's own size. */
    public final OptionalInt size() {
        return sizing.requested();
    }

    /** The largest tile side stylized at once. */
    public final int maxTile() {
        return sizing.maxTile();
    }

    final OnePassSize sizing() {
        return sizing;
    }

    /** {@code size=..., maxTile=...}, for {@code toString}. */
    final String sizingText() {
        return "size=" + (sizing.size() == 0 ? "own" : sizing.size()) + ", maxTile=" + sizing.maxTile();
    }
}
