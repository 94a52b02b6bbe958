package io.nst.spi;

import java.util.List;

/**
 * Everything a training session needs to continue exactly: the parameters (in
 * {@link io.nst.net.Parameters} order), Adam's moment estimates, and the steps taken.
 */
public record TrainingState(
        long step, List<float[]> parameters, List<float[]> firstMoments, List<float[]> secondMoments) {

    public TrainingState {
        parameters = List.copyOf(parameters);
        firstMoments = List.copyOf(firstMoments);
        secondMoments = List.copyOf(secondMoments);
        if (firstMoments.size() != parameters.size() || secondMoments.size() != parameters.size()) {
            throw new IllegalArgumentException("one pair of moments per parameter");
        }
    }
}
