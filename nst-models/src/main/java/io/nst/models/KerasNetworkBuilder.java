package io.nst.models;

import io.nst.net.FeatureNames;
import io.nst.net.Layer;
import io.nst.net.Layouts;
import io.nst.net.NetworkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a chain of Keras layers and a weight source into a {@link NetworkSpec}, loading only
 * the weights of the layers that the requested features need. Batch normalisation is folded
 * into the convolution before it.
 */
final class KerasNetworkBuilder {

    private static final Set<String> SUPPORTED =
            Set.of("Conv2D", "BatchNormalization", "LeakyReLU", "ReLU", "MaxPooling2D");

    private final String networkName;
    private final List<KerasLayer> chain;
    private final Layer.InputNormalization preprocessing;
    private final Pattern aliasPattern;
    private final String aliasReplacement;

    /**
     * @param aliasPattern Keras layer names that get a short alias, e.g. {@code leaky_re_lu_(\d+)}
     * @param aliasReplacement the alias, e.g. {@code l$1}
     */
    KerasNetworkBuilder(
            String networkName,
            List<KerasLayer> layers,
            Layer.InputNormalization preprocessing,
            String aliasPattern,
            String aliasReplacement) {
        this.networkName = networkName;
        this.chain = featureChain(layers);
        this.preprocessing = preprocessing;
        this.aliasPattern = Pattern.compile(aliasPattern);
        this.aliasReplacement = aliasReplacement;
    }

    /** Every feature name the chain offers, Keras names and aliases, in network order. */
    Map<String, Integer> featureNames() {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            for (String name : namesAt(i)) {
                names.put(name, i);
            }
        }
        return names;
    }

    /** Builds the prefix of the network that computes {@code needed}, loading its weights. */
    NetworkSpec build(Collection<String> needed, WeightSource weights) throws IOException {
        Map<String, Integer> names = featureNames();
        int last = -1;
        for (String feature : needed) {
            Integer index = names.get(feature);
            if (index == null) {
                throw new IllegalArgumentException("network " + networkName + " has no layer named '" + feature
                        + "'; known: " + String.join(", ", FeatureNames.sorted(names.keySet())));
            }
            last = Math.max(last, index);
        }
        List<Layer> layers = new ArrayList<>();
        Map<String, Integer> features = new LinkedHashMap<>();
        if (preprocessing != null) {
            layers.add(preprocessing);
        }
        int channels = 3;
        for (int i = 0; i <= last; i++) {
            KerasLayer k = chain.get(i);
            try {
                channels = append(k, channels, layers, weights);
            } catch (IOException | UncheckedIOException e) {
                String cause =
                        e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
                throw new IOException(
                        "weights of layer " + k.name() + " of " + networkName + " are not available (needed for "
                                + String.join(", ", needed) + "): " + cause,
                        e);
            }
            for (String name : namesAt(i)) {
                features.put(name, layers.size() - 1);
            }
        }
        return new NetworkSpec(networkName, layers, features);
    }

    private int append(KerasLayer k, int channels, List<Layer> layers, WeightSource weights) throws IOException {
        switch (k.className()) {
            case "Conv2D" -> {
                int kh = k.kernel();
                float[] hwio = weights.tensor(k.name() + "/kernel", new int[] {kh, kh, channels, k.filters()});
                float[] bias = k.useBias() ? weights.tensor(k.name() + "/bias", new int[] {k.filters()}) : null;
                layers.add(new Layer.Conv2d(
                        k.name(),
                        channels,
                        k.filters(),
                        kh,
                        kh,
                        k.stride(),
                        k.padding(),
                        Layouts.hwioToOihw(hwio, kh, kh, channels, k.filters()),
                        bias));
                switch (k.activation()) {
                    case "linear" -> {}
                    case "relu" -> layers.add(new Layer.Activation(k.name() + "/relu", Layer.Activation.Kind.RELU, 0));
                    default -> throw new IllegalArgumentException(
                            "unsupported activation " + k.activation() + " in layer " + k.name());
                }
                return k.filters();
            }
            case "BatchNormalization" -> {
                int n = channels;
                int[] shape = {n};
                float[] gamma = weights.tensor(k.name() + "/gamma", shape);
                float[] beta = weights.tensor(k.name() + "/beta", shape);
                float[] mean = weights.tensor(k.name() + "/moving_mean", shape);
                float[] variance = weights.tensor(k.name() + "/moving_variance", shape);
                Layer.Conv2d conv = (Layer.Conv2d) layers.remove(layers.size() - 1);
                layers.add(foldBatchNorm(conv, k.name(), gamma, beta, mean, variance, k.epsilon()));
                return channels;
            }
            case "LeakyReLU" -> {
                layers.add(new Layer.Activation(k.name(), Layer.Activation.Kind.LEAKY_RELU, k.alpha()));
                return channels;
            }
            case "ReLU" -> {
                layers.add(new Layer.Activation(k.name(), Layer.Activation.Kind.RELU, 0));
                return channels;
            }
            case "MaxPooling2D" -> {
                layers.add(new Layer.MaxPool(k.name(), k.kernel(), k.stride(), k.padding()));
                return channels;
            }
            default -> throw new IllegalStateException("not a feature layer: " + k.className());
        }
    }

    private List<String> namesAt(int index) {
        KerasLayer k = chain.get(index);
        boolean foldedAway = k.className().equals("Conv2D")
                && index + 1 < chain.size()
                && chain.get(index + 1).className().equals("BatchNormalization");
        if (foldedAway) {
            return List.of();
        }
        var matcher = aliasPattern.matcher(k.name());
        return matcher.matches() ? List.of(k.name(), matcher.replaceAll(aliasReplacement)) : List.of(k.name());
    }

    private static List<KerasLayer> featureChain(List<KerasLayer> layers) {
        List<KerasLayer> chain = new ArrayList<>();
        for (KerasLayer layer : layers) {
            if (layer.className().equals("InputLayer")) {
                continue;
            }
            if (!SUPPORTED.contains(layer.className())) {
                break;
            }
            if (layer.className().equals("BatchNormalization")
                    && (chain.isEmpty()
                            || !chain.get(chain.size() - 1).className().equals("Conv2D"))) {
                throw new IllegalArgumentException(
                        "batch normalisation " + layer.name() + " must follow a convolution");
            }
            chain.add(layer);
        }
        return chain;
    }

    private static Layer.Conv2d foldBatchNorm(
            Layer.Conv2d conv,
            String name,
            float[] gamma,
            float[] beta,
            float[] mean,
            float[] variance,
            float epsilon) {
        int perOutput = conv.inChannels() * conv.kernelHeight() * conv.kernelWidth();
        float[] weight = conv.weight().clone();
        float[] bias = new float[conv.outChannels()];
        for (int o = 0; o < conv.outChannels(); o++) {
            double scale = gamma[o] / Math.sqrt(variance[o] + (double) epsilon);
            for (int j = 0; j < perOutput; j++) {
                weight[o * perOutput + j] = (float) (weight[o * perOutput + j] * scale);
            }
            double b = conv.bias() == null ? 0 : conv.bias()[o];
            bias[o] = (float) ((b - mean[o]) * scale + beta[o]);
        }
        return new Layer.Conv2d(
                name,
                conv.inChannels(),
                conv.outChannels(),
                conv.kernelHeight(),
                conv.kernelWidth(),
                conv.stride(),
                conv.padding(),
                weight,
                bias);
    }
}
