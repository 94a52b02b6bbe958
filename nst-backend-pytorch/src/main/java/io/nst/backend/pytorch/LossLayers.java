package io.nst.backend.pytorch;

import io.nst.net.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a perceptual loss reads a feature network: the style layers' indices in order, then the
 * content layer's (one forward pass yields them all), and each style layer's weight normalised to
 * sum to 1.
 *
 * @param indices the style layers' indices, then the content layer's
 * @param styleWeights the style layers' weights, summing to 1
 */
record LossLayers(int[] indices, double[] styleWeights) {

    static LossLayers of(NetworkSpec network, Map<String, Double> styleLayers, String contentLayer) {
        List<String> names = new ArrayList<>(styleLayers.keySet());
        double sum =
                styleLayers.values().stream().mapToDouble(Double::doubleValue).sum();
        int[] indices = new int[names.size() + 1];
        double[] weights = new double[names.size()];
        for (int l = 0; l < names.size(); l++) {
            indices[l] = network.layerIndexOf(names.get(l));
            weights[l] = styleLayers.get(names.get(l)) / sum;
        }
        indices[names.size()] = network.layerIndexOf(contentLayer);
        return new LossLayers(indices, weights);
    }

    /** The position of the content layer's features among a forward pass's outputs. */
    int contentSlot() {
        return styleWeights.length;
    }
}
