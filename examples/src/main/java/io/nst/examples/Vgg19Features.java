package io.nst.examples;

import io.nst.FeatureNetwork;
import io.nst.StyleTransfer;
import io.nst.models.FeatureNetworks;
import java.nio.file.Path;
import java.util.Map;

/**
 * The classic VGG19 feature network with chosen layers: from the model repository (only the
 * needed weight files are fetched), or from a Keras HDF5 weights file you already have.
 *
 * <p>{@code Vgg19Features PHOTO PAINTING OUT.png [SIZE] [ITERATIONS] [KERAS_NOTOP.h5]}
 */
public final class Vgg19Features {

    public static void main(String[] args) throws Exception {
        FeatureNetwork vgg19 = args.length > 5 ? FeatureNetworks.vgg19(Path.of(args[5])) : FeatureNetworks.vgg19();
        StyleTransfer.builder()
                .content(Path.of(args[0]))
                .style(Path.of(args[1]))
                .features(vgg19)
                .contentLayer("relu3_2")
                .styleLayers(Map.of("relu1_1", 1.0, "relu2_1", 1.0, "relu3_1", 2.0))
                .size(args.length > 3 ? Integer.parseInt(args[3]) : 512)
                .iterations(args.length > 4 ? Integer.parseInt(args[4]) : 300)
                .build()
                .run()
                .save(Path.of(args[2]));
    }
}
