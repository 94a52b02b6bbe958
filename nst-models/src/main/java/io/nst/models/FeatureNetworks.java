package io.nst.models;

import io.nst.FeatureNetwork;
import io.nst.FeatureNetworkProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pretrained feature networks of this module, and its {@link FeatureNetworkProvider}.
 *
 * <ul>
 *   <li>{@link #darknetTiny()} (the default): Tiny Darknet, about 1M parameters, layers {@code l1}
 *       to {@code l15} (the outputs of its LeakyReLUs) or their Keras names.
 *   <li>{@link #vgg19()}: VGG19, layers {@code relu1_1} to {@code relu5_4} or the Keras names
 *       {@code block1_conv1} ...; only the weight files of the layers in use are fetched.
 *   <li>{@link #vgg19(Path)}: VGG19 from a Keras HDF5 weights file of the user's own.
 * </ul>
 *
 * The networks are immutable and safe to share between threads.
 */
public final class FeatureNetworks implements FeatureNetworkProvider {

    /** For {@link java.util.ServiceLoader}; the networks themselves come from the static methods. */
    public FeatureNetworks() {}

    /** Tiny Darknet; content {@code l8}, style {@code l1, l2, l4, l6, l8, l10}. */
    public static FeatureNetwork darknetTiny() {
        return PretrainedNetwork.darknetTiny();
    }

    /**
     * VGG19 from the model repository; content {@code relu3_2}, style {@code relu1_1, relu2_1,
     * relu3_1, relu3_4} (blocks 1-3). The classic Gatys layers ({@code relu4_2};
     * {@code relu1_1 ... relu5_1}) work when the repository can deliver blocks 4-5.
     */
    public static FeatureNetwork vgg19() {
        return PretrainedNetwork.vgg19();
    }

    /**
     * VGG19 with weights from a Keras HDF5 file, such as Keras' {@code ..._notop.h5}.
     *
     * @throws NullPointerException if {@code kerasHdf5File} is null
     */
    public static FeatureNetwork vgg19(Path kerasHdf5File) {
        return PretrainedNetwork.vgg19(Objects.requireNonNull(kerasHdf5File, "kerasHdf5File"));
    }

    /** {@code darknet-tiny} and {@code vgg19}. */
    @Override
    public List<String> names() {
        return List.of("darknet-tiny", "vgg19");
    }

    @Override
    public Optional<FeatureNetwork> network(String name) {
        return switch (name) {
            case "darknet-tiny" -> Optional.of(darknetTiny());
            case "vgg19" -> Optional.of(vgg19());
            default -> Optional.empty();
        };
    }

    /** Tiny Darknet. */
    @Override
    public FeatureNetwork defaultNetwork() {
        return darknetTiny();
    }
}
