package io.nst.spi;

import io.nst.LossWeights;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to evaluate the Gatys objective for candidate images.
 *
 * <p>The objective is {@code wc * content + ws * style + wtv * tv} with the normalised losses of
 * {@link io.nst.loss.StyleLosses}; the style target of each layer is the blend
 * {@code sum_k b_k G(style_k)} of the styles' Gram matrices with blend weights normalised to sum
 * to one.
 *
 * @param network the feature network (RGB input in {@code [0, 1]})
 * @param content the content image; candidate images have its size
 * @param styles style images, each any size
 * @param styleBlend one positive weight per style
 * @param contentLayer the content layer
 * @param styleLayers style layers and their positive weights, in order
 * @param weights the loss weights
 */
public record GatysProblem(
        NetworkSpec network,
        FloatTensor content,
        List<FloatTensor> styles,
        List<Double> styleBlend,
        String contentLayer,
        Map<String, Double> styleLayers,
        LossWeights weights) {

    public GatysProblem {
        styles = List.copyOf(styles);
        styleBlend = List.copyOf(styleBlend);
        styleLayers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(styleLayers));
        if (styles.isEmpty() || styles.size() != styleBlend.size()) {
            throw new IllegalArgumentException("one blend weight per style, at least one style");
        }
        if (styleLayers.isEmpty()) {
            throw new IllegalArgumentException("at least one style layer");
        }
        network.layerIndexOf(contentLayer);
        styleLayers.keySet().forEach(network::layerIndexOf);
    }

    /** Blend weights scaled to sum to one. */
    public double[] normalisedBlend() {
        double sum = styleBlend.stream().mapToDouble(Double::doubleValue).sum();
        return styleBlend.stream().mapToDouble(w -> w / sum).toArray();
    }
}
