package io.nst;

import java.util.OptionalInt;

/**
 * The arbitrary method's settings: how much of the painting's style, whether the photo's colours
 * are kept, the size photos are stylized at and the largest tile. Immutable and safe to share;
 * each {@code with} method checks its value at once and returns a changed copy.
 */
public final class ArbitraryOptions implements MethodOptions {

    private static final ArbitraryOptions DEFAULTS = new ArbitraryOptions(1, false, OnePassSize.DEFAULT);

    private final double strength;
    private final boolean preserveColors;
    private final OnePassSize sizing;

    private ArbitraryOptions(double strength, boolean preserveColors, OnePassSize sizing) {
        this.strength = strength;
        this.preserveColors = preserveColors;
        this.sizing = sizing;
    }

    /** Full strength, the painting's colours, photos at their own size, tiles of 1024 pixels. */
    public static ArbitraryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The same with another strength: {@code s * painting + (1 - s) * photo} in style space; 0
     * keeps the photo's own style (default 1).
     *
     * @throws IllegalArgumentException unless {@code strength} is between 0 and 1
     */
    public ArbitraryOptions withStrength(double strength) {
        return new ArbitraryOptions(Limits.strength("strength", strength), preserveColors, sizing);
    }

    /** The same, keeping the photo's colours and taking only the stylization's luminance, or not. */
    public ArbitraryOptions withPreserveColors(boolean preserve) {
        return new ArbitraryOptions(strength, preserve, sizing);
    }

    /**
     * The same with photos scaled to this long side first, {@value Limits#MIN_SIZE} to
     * {@value Limits#MAX_SIZE} pixels.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public ArbitraryOptions withSize(int pixels) {
        return new ArbitraryOptions(strength, preserveColors, sizing.withSize(pixels));
    }

    /**
     * The same with another largest tile, as {@link FastOptions#withMaxTile(int)}.
     *
     * @throws IllegalArgumentException if {@code pixels} is below 132
     */
    public ArbitraryOptions withMaxTile(int pixels) {
        return new ArbitraryOptions(strength, preserveColors, sizing.withMaxTile(pixels));
    }

    @Override
    public Method method() {
        return Method.ARBITRARY;
    }

    /** How much of the painting's style, 0 to 1. */
    public double strength() {
        return strength;
    }

    /** Whether the photo's colours are kept. */
    public boolean preserveColors() {
        return preserveColors;
    }

    /** The long side photos are scaled to, or empty to keep each photo's own size. */
    public OptionalInt size() {
        return sizing.requested();
    }

    /** The largest tile side stylized at once. */
    public int maxTile() {
        return sizing.maxTile();
    }

    @Override
    public String toString() {
        return "ArbitraryOptions[strength=" + strength + ", preserveColors=" + preserveColors + ", size="
                + (sizing.size() == 0 ? "own" : sizing.size()) + ", maxTile=" + sizing.maxTile() + "]";
    }
}
