package io.nst.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A module's feature networks, found with {@link ServiceLoader} (a line in
 * {@code META-INF/services/io.nst.net.FeatureNetworkProvider}). Implementations have a public
 * no-argument constructor, are cheap to create and create networks only when asked.
 */
public interface FeatureNetworkProvider {

    /** The names of the networks this module provides. */
    List<String> names();

    /** The network of that name, if this module provides it. */
    Optional<FeatureNetwork> network(String name);

    /** The network to use when the caller names none. */
    FeatureNetwork defaultNetwork();

    /** The providers on the class path, in class-path order. */
    static List<FeatureNetworkProvider> all() {
        List<FeatureNetworkProvider> providers = new ArrayList<>();
        ServiceLoader.load(FeatureNetworkProvider.class).forEach(providers::add);
        return providers;
    }
}
