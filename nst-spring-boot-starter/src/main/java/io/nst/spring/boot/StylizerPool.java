package io.nst.spring.boot;

import io.nst.Limits;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The one-pass stylizers of an application, built on first use and kept: up to {@code perStyle}
 * {@link FastStylizer}s per style (a call beyond them waits for one to be free), and as many
 * {@link ArbitraryStylizer}s for paintings. Thread-safe: any thread may call, and {@link #close()}
 * (which the Spring context calls on shutdown) frees every stylizer once its call in flight has
 * ended; calls after it fail with kind {@code CLOSED}.
 */
public final class StylizerPool implements AutoCloseable {

    private static final String ARBITRARY = "(arbitrary)";

    private final RunSettings settings;
    private final int perStyle;
    private final Map<String, Slot<?>> slots = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder runs = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final DoubleAdder seconds = new DoubleAdder();
    private volatile boolean closed;

    /**
     * A pool of stylizers built with {@code settings}.
     *
     * @throws IllegalArgumentException if {@code perStyle} is below 1
     */
    public StylizerPool(RunSettings settings, int perStyle) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Limits.requireArgument(perStyle >= 1, "nst.pool-size must be at least 1, got %d", perStyle);
        this.perStyle = perStyle;
    }

    /**
     * {@code photo} in the fast style {@code style} (a pretrained name or a model directory), at
     * its own size.
     *
     * @throws StyleTransferException as {@link FastStylizer#stylize}, and of kind {@code CANCELLED}
     *     when the thread is interrupted while it waits for a stylizer, {@code CLOSED} after {@link
     *     #close()}
     */
    public BufferedImage stylize(String style, BufferedImage photo) {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(photo, "photo");
        return fastSlot(style).call(stylizer -> stylizer.stylize(photo), true);
    }

    /**
     * {@code photo} in the style of {@code painting}, at full strength.
     *
     * @throws StyleTransferException as {@link #stylize(String, BufferedImage)}
     */
    public BufferedImage stylize(BufferedImage photo, BufferedImage painting) {
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(painting, "painting");
        return slot(
                        ARBITRARY,
                        () -> ArbitraryStylizer.builder().settings(settings).build())
                .call(stylizer -> stylizer.stylize(photo, stylizer.styleOf(painting)), true);
    }

    /**
     * Builds a stylizer of {@code style} now, so that the first call does not wait for it.
     *
     * @throws StyleTransferException if the style cannot be loaded
     */
    public void preload(String style) {
        fastSlot(style).call(stylizer -> null, false);
    }

    private Slot<FastStylizer> fastSlot(String style) {
        return slot(
                style,
                () -> FastStylizer.builder().settings(settings).model(style).build());
    }

    /** The fast styles with a stylizer built, by name. */
    public Set<String> loadedStyles() {
        Set<String> styles = new TreeSet<>();
        slots.forEach((style, slot) -> {
            if (!style.equals(ARBITRARY) && slot.built.get() > 0) {
                styles.add(style);
            }
        });
        return styles;
    }

    /** Calls waiting for a free stylizer now. */
    public int waiting() {
        return waiting.get();
    }

    /** Calls completed, failed ones included. */
    public long runs() {
        return runs.sum();
    }

    /** Calls that failed. */
    public long failures() {
        return failures.sum();
    }

    /** Seconds the completed calls took, waiting included. */
    public double seconds() {
        return seconds.sum();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The figures above by name, for a health report: styles loaded, waiting, runs, failures, seconds. */
    public Map<String, Object> figures() {
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("stylesLoaded", loadedStyles());
        figures.put("waiting", waiting());
        figures.put("runs", runs());
        figures.put("failures", failures());
        figures.put("seconds", seconds());
        return figures;
    }

    @SuppressWarnings("unchecked")
    private <S extends AutoCloseable> Slot<S> slot(String key, Supplier<S> builder) {
        if (closed) {
            throw new StyleTransferException(Kind.CLOSED, "the stylizer pool is closed (the application is stopping)");
        }
        return (Slot<S>) slots.computeIfAbsent(key, k -> new Slot<>(k, builder));
    }

    /** Frees every stylizer, each once its call in flight has ended. A second call does nothing. */
    @Override
    public void close() {
        closed = true;
        slots.values().forEach(Slot::closeIdle);
    }

    /** The stylizers of one style: built on demand up to {@code perStyle}, lent one call at a time. */
    private final class Slot<S extends AutoCloseable> {
        private final String key;
        private final Supplier<S> builder;
        private final Semaphore free = new Semaphore(perStyle);
        private final ConcurrentLinkedDeque<S> idle = new ConcurrentLinkedDeque<>();
        private final AtomicInteger built = new AtomicInteger();

        Slot(String key, Supplier<S> builder) {
            this.key = key;
            this.builder = builder;
        }

        /**
         * A new stylizer; when none of this style could ever be built (an unknown style), the slot
         * leaves the pool, so that names that fail do not pile up in it.
         */
        private S build() {
            try {
                S stylizer = builder.get();
                built.incrementAndGet();
                return stylizer;
            } catch (RuntimeException e) {
                if (built.get() == 0) {
                    slots.remove(key, this);
                }
                throw e;
            }
        }

        /** {@code work} on a free stylizer of this style; a {@code counted} call enters the figures. */
        <T> T call(java.util.function.Function<S, T> work, boolean counted) {
            long start = System.nanoTime();
            waiting.incrementAndGet();
            try {
                free.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StyleTransferException(Kind.CANCELLED, "interrupted while waiting for a stylizer");
            } finally {
                waiting.decrementAndGet();
            }
            S stylizer = null;
            boolean failed = true;
            try {
                stylizer = idle.pollFirst();
                if (stylizer == null) {
                    stylizer = build();
                }
                T result = work.apply(stylizer);
                failed = false;
                return result;
            } finally {
                if (stylizer != null) {
                    idle.addFirst(stylizer);
                    if (closed) {
                        closeIdle();
                    }
                }
                free.release();
                if (counted) {
                    runs.increment();
                    if (failed) {
                        failures.increment();
                    }
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
            }
        }

        void closeIdle() {
            for (S stylizer = idle.pollFirst(); stylizer != null; stylizer = idle.pollFirst()) {
                try {
                    stylizer.close();
                } catch (Exception e) {
                    // Closing frees native memory and does not fail; nothing to report at shutdown.
                }
            }
        }
    }
}
