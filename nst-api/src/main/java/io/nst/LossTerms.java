package io.nst;

/**
 * The weighted loss terms of one evaluation: of a Gatys iteration ({@link Progress#losses()}), of
 * a finished optimisation ({@link Optimization#losses()}) or of a training step.
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
