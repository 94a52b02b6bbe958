package io.nst.spi;

import io.nst.LossWeights;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training a transfer network with the perceptual loss: the network maps RGB {@code 0..255} to
 * RGB {@code 0..255}; its output and the input photo (both divided by 255) are compared in the
 * feature network: content loss at {@code contentLayer}, Gram-matrix style loss against the
 * style image over {@code styleLayers}, total variation of the output; the losses are those of
 * {@link io.nst.loss.StyleLosses}, averaged over the batch. Adam updates the parameters.
 *
 * @param network the transfer network with its starting weights
 * @param features the frozen feature network
 * @param style the style image, RGB in {@code [0, 1]}
 * @param learningRate Adam's step size
 */
public record TrainingProblem(
        NetworkSpec network,
        NetworkSpec features,
        FloatTensor style,
        String contentLayer,
        Map<String, Double> styleLayers,
        LossWeights weights,
        double learningRate) {

    public TrainingProblem {
        styleLayers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(styleLayers));
        features.layerIndexOf(contentLayer);
        styleLayers.keySet().forEach(features::layerIndexOf);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }
}
