package io.nst.cli;

import io.nst.loss.LossWeights;
import io.nst.net.FeatureNetwork;
import picocli.CommandLine.Option;

/** The loss weights and feature network, shared by Gatys and training. */
final class LossOptions {

    @Option(names = "--content-weight", defaultValue = "1")
    double contentWeight;

    @Option(
            names = "--style-weight",
            defaultValue = "30",
            description = "How strongly to stylize (default ${DEFAULT-VALUE}).")
    double styleWeight;

    @Option(names = "--tv-weight", defaultValue = "0.001")
    double tvWeight;

    @Option(names = "--features", defaultValue = "darknet-tiny", description = "darknet-tiny or vgg19.")
    String features;

    LossWeights weights() {
        return new LossWeights(contentWeight, styleWeight, tvWeight);
    }

    FeatureNetwork network() {
        return FeatureNetwork.named(features);
    }
}
