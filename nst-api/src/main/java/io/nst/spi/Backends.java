package io.nst.spi;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.Providers;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Finds backends on the class path and picks one for a job. Stateless; safe to call from any thread. */
public final class Backends {

    /** What errors tell a user to add: the API knows no engine, only how backend modules are published. */
    private static final String MODULES = "backend modules are the artifacts io.nst:nst-backend-*"
            + " (the README lists each one and what it can do)";

    private Backends() {}

    /** Every backend on the class path, by name (found once per process). */
    public static List<Backend> available() {
        return ByName.BACKENDS;
    }

    /** Sorted once, on first use. */
    private static final class ByName {
        static final List<Backend> BACKENDS = Providers.of(Backend.class).stream()
                .sorted(Comparator.comparing(Backend::name))
                .toList();
    }

    /**
     * The backend named {@code name} (or, when it is {@code null}, the best one) that has
     * {@code needed}.
     *
     * @throws StyleTransferException naming the artifact to add when none fits
     */
    public static Backend select(String name, Capability needed) {
        List<Backend> backends = available();
        if (name != null) {
            Backend backend = backends.stream()
                    .filter(b -> b.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new StyleTransferException(Kind.NOT_FOUND, unknown(name, backends)));
            if (!backend.capabilities().contains(needed)) {
                throw new StyleTransferException(
                        Kind.NOT_FOUND,
                        "backend " + name + " cannot " + needed.description() + "; " + whoCan(needed, backends));
            }
            return backend;
        }
        return backends.stream()
                .filter(b -> b.capabilities().contains(needed))
                .min(Comparator.comparingInt((Backend b) -> b.priority(needed)).thenComparing(Backend::name))
                .orElseThrow(() -> new StyleTransferException(
                        Kind.NOT_FOUND,
                        "no backend on the class path can " + needed.description() + "; add one that can: " + MODULES));
    }

    private static String unknown(String name, List<Backend> backends) {
        String onClassPath = backends.isEmpty()
                ? "none"
                : backends.stream().map(Backend::name).collect(Collectors.joining(", "));
        return "no backend '" + name + "' on the class path (there: " + onClassPath + "); " + MODULES;
    }

    private static String whoCan(Capability needed, List<Backend> backends) {
        List<String> able = backends.stream()
                .filter(b -> b.capabilities().contains(needed))
                .map(Backend::name)
                .toList();
        return able.isEmpty() ? "add a backend that can: " + MODULES : "use " + String.join(" or ", able);
    }
}
