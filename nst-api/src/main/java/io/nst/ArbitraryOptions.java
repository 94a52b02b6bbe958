package io.nst;

/**
 * The arbitrary method's settings: how much of the painting's style, whether the photo's colours
 * are kept, the size photos are stylized at and the largest tile. Immutable and safe to share;
 * each {@code with} method checks its value at once and returns a changed copy.
 */
public final class ArbitraryOptions extends OnePassOptions<ArbitraryOptions> {

    private static final ArbitraryOptions DEFAULTS = new ArbitraryOptions(1, false, OnePassSize.DEFAULT);

    private final double strength;
    private final boolean preserveColors;

    private ArbitraryOptions(double strength, boolean preserveColors, OnePassSize sizing) {
        super(sizing);
        this.strength = strength;
        this.preserveColors = preserveColors;
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
        return new ArbitraryOptions(Limits.strength("strength", strength), preserveColors, sizing());
    }

    /** The same, keeping the photo's colours and taking only the stylization's luminance, or not. */
    public ArbitraryOptions withPreserveColors(boolean preserve) {
        return new ArbitraryOptions(strength, preserve, sizing());
    }

    @Override
    ArbitraryOptions withSizing(OnePassSize sizing) {
        return new ArbitraryOptions(strength, preserveColors, sizing);
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

    @Override
    public String toString() {
        return "ArbitraryOptions[strength=" + strength + ", preserveColors=" + preserveColors + ", " + sizingText()
                + "]";
    }
}
