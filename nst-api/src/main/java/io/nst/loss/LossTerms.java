package io.nst.loss;

/**
 * Weighted loss terms of one evaluation.
 *
 * @param content weighted content loss
 * @param style weighted style loss
 * @param tv weighted total-variation loss
 */
public record LossTerms(double content, double style, double tv) {

    /** The sum of the three terms. */
    public double total() {
        return content + style + tv;
    }
}
