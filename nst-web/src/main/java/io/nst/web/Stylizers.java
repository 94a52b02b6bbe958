package io.nst.web;

import io.nst.RunSettings;
import io.nst.Stylizer;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-pass networks, each loaded once on first use and shared by every request: a stylizer runs
 * one call at a time, so requests for the same style take turns and requests for different
 * styles run side by side. Closing waits for the calls in flight.
 */
final class Stylizers implements AutoCloseable {

    private final RunSettings settings;
    private final Map<String, FastStylizer> fast = new ConcurrentHashMap<>();
    private ArbitraryStylizer arbitrary;

    Stylizers(RunSettings settings) {
        this.settings = settings;
    }

    /** The stylizer of a trained style, loaded on first use. */
    Stylizer fast(String model) {
        return fast.computeIfAbsent(
                model, m -> FastStylizer.builder().model(m).settings(settings).build());
    }

    /** A stylizer of {@code painting}'s style at {@code strength}, on the arbitrary networks loaded once. */
    Stylizer arbitrary(BufferedImage painting, double strength) {
        ArbitraryStylizer networks;
        synchronized (this) {
            if (arbitrary == null) {
                arbitrary = ArbitraryStylizer.builder().settings(settings).build();
            }
            networks = arbitrary;
        }
        return networks.withStyle(networks.styleOf(painting), strength);
    }

    @Override
    public synchronized void close() {
        fast.values().forEach(FastStylizer::close);
        fast.clear();
        if (arbitrary != null) {
            arbitrary.close();
            arbitrary = null;
        }
    }
}
