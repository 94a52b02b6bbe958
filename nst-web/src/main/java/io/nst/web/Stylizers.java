package io.nst.web;

import io.nst.RunSettings;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-pass networks, each loaded once on first use and shared by every request: a stylizer is
 * not thread-safe, so each is used by one request at a time (requests for different styles run
 * side by side).
 */
final class Stylizers implements AutoCloseable {

    private final RunSettings settings;
    private final Map<String, FastStylizer> fast = new ConcurrentHashMap<>();
    private ArbitraryStylizer arbitrary;

    Stylizers(RunSettings settings) {
        this.settings = settings;
    }

    BufferedImage fast(String model, BufferedImage photo) {
        FastStylizer stylizer = fast.computeIfAbsent(
                model, m -> FastStylizer.builder().model(m).settings(settings).build());
        synchronized (stylizer) {
            return stylizer.stylize(photo);
        }
    }

    synchronized BufferedImage arbitrary(BufferedImage painting, double strength, BufferedImage photo) {
        if (arbitrary == null) {
            arbitrary = ArbitraryStylizer.builder().settings(settings).build();
        }
        return arbitrary.stylize(photo, arbitrary.styleOf(painting), strength);
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
