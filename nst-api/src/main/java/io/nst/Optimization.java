package io.nst;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of an iterative run (Gatys): iterations and evaluations done, and the weighted loss
 * terms at the start and at the end. Immutable and safe to share between threads.
 */
public final class Optimization {

    private final int iterations;
    private final int evaluations;
    private final double initialLoss;
    private final double contentLoss;
    private final double styleLoss;
    private final double tvLoss;

    private Optimization(
            int iterations, int evaluations, double initialLoss, double contentLoss, double styleLoss, double tvLoss) {
        this.iterations = iterations;
        this.evaluations = evaluations;
        this.initialLoss = initialLoss;
        this.contentLoss = contentLoss;
        this.styleLoss = styleLoss;
        this.tvLoss = tvLoss;
    }

    /**
     * For method implementations: the figures of a finished optimisation.
     *
     * @param iterations optimiser iterations done
     * @param evaluations loss-and-gradient evaluations done (line searches may add some)
     * @param initialLoss total loss of the starting image
     * @param contentLoss weighted content term of the result
     * @param styleLoss weighted style term of the result
     * @param tvLoss weighted total-variation term of the result
     * @throws IllegalArgumentException if a count is negative
     */
    public static Optimization of(
            int iterations, int evaluations, double initialLoss, double contentLoss, double styleLoss, double tvLoss) {
        Limits.requireArgument(
                iterations >= 0 && evaluations >= 0,
                "negative counts: %d iterations, %d evaluations",
                iterations,
                evaluations);
        return new Optimization(iterations, evaluations, initialLoss, contentLoss, styleLoss, tvLoss);
    }

    /** Optimiser iterations done. */
    public int iterations() {
        return iterations;
    }

    /** Loss-and-gradient evaluations done (line searches may add some). */
    public int evaluations() {
        return evaluations;
    }

    /** Total loss of the starting image. */
    public double initialLoss() {
        return initialLoss;
    }

    /** Total loss of the result: the sum of the three weighted terms. */
    public double finalLoss() {
        return contentLoss + styleLoss + tvLoss;
    }

    /** Weighted content term of the result. */
    public double contentLoss() {
        return contentLoss;
    }

    /** Weighted style term of the result. */
    public double styleLoss() {
        return styleLoss;
    }

    /** Weighted total-variation term of the result. */
    public double tvLoss() {
        return tvLoss;
    }

    /** The figures by name, in a stable order, for reports. */
    Map<String, Object> figures(double seconds) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("iterations", iterations);
        f.put("evaluations", evaluations);
        f.put("initialLoss", initialLoss);
        f.put("finalLoss", finalLoss());
        f.put("contentLoss", contentLoss);
        f.put("styleLoss", styleLoss);
        f.put("tvLoss", tvLoss);
        f.put("secondsPerIteration", iterations == 0 ? 0 : seconds / iterations);
        return f;
    }
}
