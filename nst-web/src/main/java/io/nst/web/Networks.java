package io.nst.web;

import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-pass networks, loaded on first use and shared by every request: at most {@code
 * capacity} fast styles (one per catalogue name), and at most {@code maxBytes} of their weights,
 * stay loaded; the least recently used is closed after its last call when another is needed, and
 * the arbitrary networks are loaded once. A
 * stylizer runs one call at a time, so requests for one style take turns and requests for
 * different styles run side by side. Thread-safe.
 */
final class Networks implements AutoCloseable {

    private final RunSettings settings;
    private final int capacity;
    private final long maxBytes;
    private long bytes;
    private final Map<String, Shared<FastStylizer>> fast = new LinkedHashMap<>(16, 0.75f, true);
    private Shared<ArbitraryStylizer> arbitrary;
    private boolean closed;

    Networks(RunSettings settings, int capacity, long maxBytes) {
        this.settings = settings;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    /** A network and the calls that hold it; closed when retired and no call holds it. */
    private static final class Shared<S extends AutoCloseable> {
        final S network;
        final long bytes;
        int users;
        boolean retired;

        Shared(S network, long bytes) {
            this.network = network;
            this.bytes = bytes;
        }
    }

    /** The use of one network by one request, given back once. */
    final class Lease implements AutoCloseable {
        private final Shared<?> shared;
        private Stylizer stylizer;
        private boolean closed;

        private Lease(Shared<?> shared) {
            this.shared = shared;
        }

        Stylizer stylizer() {
            return stylizer;
        }

        @Override
        public void close() {
            synchronized (Networks.this) {
                if (closed) {
                    return;
                }
                closed = true;
                shared.users--;
                closeIfUnused(shared);
            }
        }
    }

    /** The stylizer of a catalogue model, loaded on first use. */
    synchronized Lease fast(String model) {
        checkOpen();
        Shared<FastStylizer> shared = fast.get(model);
        if (shared == null) {
            FastStylizer loaded =
                    FastStylizer.builder().model(model).settings(settings).build();
            shared = new Shared<>(loaded, loaded.weightBytes());
            fast.put(model, shared);
            bytes += shared.bytes;
            retireBeyondCapacity();
        }
        shared.users++;
        Lease lease = new Lease(shared);
        lease.stylizer = shared.network;
        return lease;
    }

    /**
     * The arbitrary networks bound to {@code painting}'s style at {@code strength}; the style is
     * computed on the caller's thread.
     */
    Lease arbitrary(BufferedImage painting, double strength) {
        Shared<ArbitraryStylizer> shared;
        synchronized (this) {
            checkOpen();
            if (arbitrary == null) {
                arbitrary = new Shared<>(
                        ArbitraryStylizer.builder().settings(settings).build(), 0);
            }
            shared = arbitrary;
            shared.users++;
        }
        Lease lease = new Lease(shared);
        try {
            lease.stylizer = shared.network.withStyle(shared.network.styleOf(painting), strength);
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Fast styles loaded now. */
    synchronized int loaded() {
        return fast.size();
    }

    /** The weights of the fast styles loaded now, in bytes. */
    synchronized long bytes() {
        return bytes;
    }

    private void retireBeyondCapacity() {
        Iterator<Shared<FastStylizer>> eldest = fast.values().iterator();
        // The newest, just loaded, stays even when it alone is over the bytes.
        while ((fast.size() > capacity || bytes > maxBytes) && fast.size() > 1 && eldest.hasNext()) {
            Shared<FastStylizer> shared = eldest.next();
            eldest.remove();
            bytes -= shared.bytes;
            shared.retired = true;
            closeIfUnused(shared);
        }
    }

    private static void closeIfUnused(Shared<?> shared) {
        if (shared.retired && shared.users == 0) {
            try {
                shared.network.close();
            } catch (Exception e) {
                throw new StyleTransferException(Kind.ENGINE, "closing a network failed: " + e.getMessage(), e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StyleTransferException(Kind.CLOSED, "the server is stopping");
        }
    }

    /** Closes every network after its last call; later requests fail as {@code CLOSED}. */
    @Override
    public synchronized void close() {
        closed = true;
        fast.values().forEach(s -> {
            s.retired = true;
            closeIfUnused(s);
        });
        fast.clear();
        if (arbitrary != null) {
            arbitrary.retired = true;
            closeIfUnused(arbitrary);
        }
    }
}
