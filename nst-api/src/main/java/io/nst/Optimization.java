package io.nst;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of an iterative run (Gatys): iterations and evaluations done, and the total loss at
 * the start and the weighted terms at the end. Immutable and safe to share between threads.
 */
public final class Optimization {

    private final int iterations;
    private final int evaluations;
    private final double initialLoss;
    private final LossTerms losses;

    private Optimization(int iterations, int evaluations, double initialLoss, LossTerms losses) {
        this.iterations = iterations;
        this.evaluations = evaluations;
        this.initialLoss = initialLoss;
        this.losses = losses;
    }

    /**
     * For method implementations: the figures of a finished optimisation.
     *
     * @param iterations optimiser iterations done
     * @param evaluations loss-and-gradient evaluations done (line searches may add some)
     * @param initialLoss total loss of the starting image
     * @param losses weighted loss terms of the result
     * @throws IllegalArgumentException if a count is negative
     * @throws NullPointerException if {@code losses} is null
     */
    public static Optimization of(int iterations, int evaluations, double initialLoss, LossTerms losses) {
        Limits.requireArgument(
                iterations >= 0 && evaluations >= 0,
                "negative counts: %d iterations, %d evaluations",
                iterations,
                evaluations);
        return new Optimization(
                iterations, evaluations, initialLoss, java.util.Objects.requireNonNull(losses, "losses"));
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

    /** Total loss of the result: the sum of {@link #losses()}. */
    public double finalLoss() {
        return losses.total();
    }

    /** The weighted loss terms of the result. */
    public LossTerms losses() {
        return losses;
    }

    /** The figures by name, in a stable order, for reports. */
    Map<String, Object> figures(double seconds) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("iterations", iterations);
        f.put("evaluations", evaluations);
        f.put("initialLoss", initialLoss);
        f.put("finalLoss", finalLoss());
        f.put("contentLoss", losses.content());
        f.put("styleLoss", losses.style());
        f.put("tvLoss", losses.tv());
        f.put("secondsPerIteration", iterations == 0 ? 0 : seconds / iterations);
        return f;
    }
}
