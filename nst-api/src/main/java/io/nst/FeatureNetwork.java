package io.nst;

import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pretrained image classifier whose intermediate features define the content and style losses,
 * with its layers chosen by name. The networks themselves come from modules on the class path
 * ({@code io.nst:nst-models} has Tiny Darknet and VGG19), found through {@link FeatureNetworkProvider}.
 *
 * <p>Implementations are immutable and safe to share between threads.
 */
public interface FeatureNetwork {

    /** The network's name, such as {@code darknet-tiny}. */
    String name();

    /** The content layer used unless the caller names another. */
    String defaultContentLayer();

    /** The style layers and their weights used unless the caller names others. */
    Map<String, Double> defaultStyleLayers();

    /**
     * The part of the network that computes {@code layers}, with its weights; only the weight
     * files those layers need are resolved. For the SDK's methods: the network description is
     * engine plumbing, exported to the SDK's modules only.
     *
     * @throws IOException naming the layer whose weights could not be had
     * @throws IllegalArgumentException for a layer name the network does not have
     */
    @SuppressWarnings("exports")
    NetworkSpec load(ModelRepository repository, Collection<String> layers) throws IOException;

    /** Every layer name this network offers. */
    List<String> layerNames(ModelRepository repository) throws IOException;

    /**
     * The same network shape with seeded random weights instead of the pretrained ones: for
     * benchmarks and tests, not for good pictures.
     */
    FeatureNetwork withRandomWeights(long seed);

    /**
     * The network of that name from the providers on the class path.
     *
     * @throws IllegalArgumentException naming the known networks, or the artifact to add when
     *     there is no provider at all
     */
    static FeatureNetwork named(String name) {
        List<String> known = new ArrayList<>();
        for (FeatureNetworkProvider provider : FeatureNetworkProvider.all()) {
            Optional<FeatureNetwork> network = provider.network(name);
            if (network.isPresent()) {
                return network.get();
            }
            known.addAll(provider.names());
        }
        throw new IllegalArgumentException("unknown feature network '" + name + "'; known: "
                + (known.isEmpty() ? "none (add io.nst:nst-models to the class path)" : String.join(", ", known)));
    }

    /**
     * The first provider's default network (Tiny Darknet with {@code io.nst:nst-models}).
     *
     * @throws StyleTransferException of kind {@code NOT_FOUND} when no provider is on the class path
     */
    static FeatureNetwork defaultNetwork() {
        for (FeatureNetworkProvider provider : FeatureNetworkProvider.all()) {
            return provider.defaultNetwork();
        }
        throw new StyleTransferException(
                StyleTransferException.Kind.NOT_FOUND, "no feature network on the class path: add io.nst:nst-models");
    }
}
