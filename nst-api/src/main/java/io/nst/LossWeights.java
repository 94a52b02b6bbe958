package io.nst;

/**
 * Weights of the three loss terms. Defaults ({@link #DEFAULT}): content 1, style 30, total
 * variation 0.001, a balance that keeps the photo's layout and takes over the painting's
 * colours and strokes with the normalised losses of {@code io.nst.loss.StyleLosses}.
 *
 * @param content weight of the content loss, at least 0
 * @param style weight of the style loss, at least 0
 * @param totalVariation weight of the total-variation loss, at least 0
 */
public record LossWeights(double content, double style, double totalVariation) {

    /** Content 1, style 30, total variation 0.001. */
    public static final LossWeights DEFAULT = new LossWeights(1, 30, 1e-3);

    public LossWeights {
        check("content", content);
        check("style", style);
        check("total variation", totalVariation);
    }

    private static void check(String what, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(what + " weight must be a finite number >= 0, got " + weight);
        }
    }
}
