package io.nst;

import io.nst.internal.Providers;
import java.util.List;
import java.util.Optional;

/**
 * A module's feature networks, found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/io.nst.FeatureNetworkProvider}). Implementations have a public
 * no-argument constructor, are cheap to create and create networks only when asked.
 */
public interface FeatureNetworkProvider {

    /** The names of the networks this module provides. */
    List<String> names();

    /** The network of that name, if this module provides it. */
    Optional<FeatureNetwork> network(String name);

    /** The network to use when the caller names none. */
    FeatureNetwork defaultNetwork();

    /** The providers on the class path, in class-path order (found once per process). */
    static List<FeatureNetworkProvider> all() {
        return Providers.of(FeatureNetworkProvider.class);
    }
}
