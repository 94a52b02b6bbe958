package io.nst.spi;

import io.nst.StyleTransferException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds backends on the class path and picks one for a job. */
public final class Backends {

    /** The backends this project publishes, so that errors can say what to add. */
    private static final Map<String, String> KNOWN = Map.of(
            "pytorch", "io.nst:nst-backend-pytorch",
            "tensorflow", "io.nst:nst-backend-tf",
            "onnxruntime", "io.nst:nst-backend-onnxruntime");

    private Backends() {}

    /** Every backend on the class path, by name. */
    public static List<Backend> available() {
        List<Backend> backends = new ArrayList<>();
        ServiceLoader.load(Backend.class).forEach(backends::add);
        backends.sort(Comparator.comparing(Backend::name));
        return backends;
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
            Backend backend = backends.stream().filter(b -> b.name().equals(name)).findFirst()
                    .orElseThrow(() -> new StyleTransferException(unknown(name, backends)));
            if (!backend.capabilities().contains(needed)) {
                throw new StyleTransferException("backend " + name + " cannot " + needed.description()
                        + "; " + whoCan(needed, backends));
            }
            return backend;
        }
        return backends.stream().filter(b -> b.capabilities().contains(needed))
                .min(Comparator.comparingInt((Backend b) -> b.priority(needed)).thenComparing(Backend::name))
                .orElseThrow(() -> new StyleTransferException("no backend on the class path can "
                        + needed.description() + "; add io.nst:nst-backend-pytorch"));
    }

    private static String unknown(String name, List<Backend> backends) {
        String onClassPath = backends.isEmpty() ? "none"
                : backends.stream().map(Backend::name).collect(Collectors.joining(", "));
        String hint = KNOWN.containsKey(name) ? "; add " + KNOWN.get(name) + " to the class path"
                : "; known backends: " + String.join(", ", KNOWN.keySet().stream().sorted().toList());
        return "unknown backend '" + name + "' (on the class path: " + onClassPath + ")" + hint;
    }

    private static String whoCan(Capability needed, List<Backend> backends) {
        List<String> able = backends.stream().filter(b -> b.capabilities().contains(needed))
                .map(Backend::name).toList();
        return able.isEmpty() ? "add io.nst:nst-backend-pytorch" : "use " + String.join(" or ", able);
    }
}
