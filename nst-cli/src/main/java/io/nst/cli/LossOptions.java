package io.nst.cli;

import io.nst.FeatureNetwork;
import io.nst.LossWeights;
import picocli.CommandLine.Option;

/** The loss weights and feature network, shared by Gatys and training. */
final class LossOptions {

    @Option(names = "--content-weight", defaultValue = "1", description = "How closely to keep the photo's content.")
    double contentWeight;

    @Option(names = "--style-weight", defaultValue = "30", description = "How strongly to stylize.")
    double styleWeight;

    @Option(names = "--tv-weight", defaultValue = "0.001", description = "How smooth the result is (total variation).")
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
