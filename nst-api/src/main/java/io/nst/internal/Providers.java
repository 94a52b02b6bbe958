package io.nst.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of each service the SDK looks up (methods, backends, feature networks), found once
 * per process and kept, as DJL keeps its engines and SLF4J its provider: finding them scans every
 * jar, and a default Gatys run would otherwise scan several times.
 *
 * <p>They are looked up with the class loader that loaded this SDK, so that a host application's
 * thread context loader cannot hide them. A container whose applications see the SDK but whose
 * backends only the application sees (a shared library folder of an application server) sets the
 * system property {@code nst.providers.classLoader=context} to look up with the context loader of
 * the thread that first needs them. A provider that cannot be loaded (a missing class, a
 * constructor that throws) is reported in one line and skipped; the others still work.
 * Thread-safe.
 */
public final class Providers {

    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

    private static final Map<Class<?>, Found<?>> FOUND = new ConcurrentHashMap<>();

    private Providers() {}

    /** One service's providers, found on first use under this holder's lock. */
    private static final class Found<S> {
        private List<S> providers;

        // Outside the map's compute: a provider's constructor may look up another service.
        synchronized List<S> get(Class<S> service) {
            if (providers == null) {
                providers = find(service, loader(), new ArrayList<>());
            }
            return providers;
        }
    }

    /** The providers of {@code service}, in class-path order, found on first use. */
    @SuppressWarnings("unchecked")
    public static <S> List<S> of(Class<S> service) {
        return ((Found<S>) FOUND.computeIfAbsent(service, s -> new Found<>())).get(service);
    }

    /**
     * The providers of {@code service} that {@code loader} sees, found now and not kept, with a line
     * added to {@code problems} for each one skipped (and logged): for tests of the finding itself.
     */
    public static <S> List<S> find(Class<S> service, ClassLoader loader, List<String> problems) {
        List<S> found = new ArrayList<>();
        Iterator<S> it = ServiceLoader.load(service, loader).iterator();
        // The iterator moves past a provider that fails; the bound guards against one that would not.
        for (int failures = 0; failures < 100; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures++;
                String line = "skipped a provider of " + service.getName() + ": "
                        + String.valueOf(e.getMessage()).replace(service.getName() + ": ", "")
                        + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
                problems.add(line);
                LOG.warn(line);
            }
        }
        return List.copyOf(found);
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return "context".equals(System.getProperty("nst.providers.classLoader")) && context != null
                ? context
                : Providers.class.getClassLoader();
    }
}
