package io.nst;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stylized image and the run's figures: what every method reports (method, backend, device,
 * seconds), and for an iterative method its {@link Optimization}. Holds no native memory; the
 * image is the caller's to keep or change.
 *
 * <p>Immutable apart from the image, which belongs to the caller; safe to share between threads
 * once the image is no longer changed.
 */
public final class StyleTransferResult {

    private final BufferedImage image;
    private final Method method;
    private final String backend;
    private final String device;
    private final double seconds;
    private final boolean cancelled;
    private final Optimization optimization;

    private StyleTransferResult(
            BufferedImage image,
            Method method,
            String backend,
            String device,
            double seconds,
            boolean cancelled,
            Optimization optimization) {
        this.image = Objects.requireNonNull(image, "image");
        this.method = Objects.requireNonNull(method, "method");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.device = Objects.requireNonNull(device, "device");
        this.seconds = seconds;
        this.cancelled = cancelled;
        this.optimization = optimization;
    }

    /**
     * For method implementations: the result of a one-pass method.
     *
     * @throws NullPointerException if an argument is null
     */
    public static StyleTransferResult onePass(
            BufferedImage image, Method method, String backend, String device, double seconds) {
        return new StyleTransferResult(image, method, backend, device, seconds, false, null);
    }

    /**
     * For method implementations: the result of an optimisation of the pixels (Gatys), possibly
     * cancelled early.
     *
     * @throws NullPointerException if an argument is null
     */
    public static StyleTransferResult optimized(
            BufferedImage image,
            String backend,
            String device,
            double seconds,
            Optimization optimization,
            boolean cancelled) {
        Objects.requireNonNull(optimization, "optimization");
        return new StyleTransferResult(image, Method.GATYS, backend, device, seconds, cancelled, optimization);
    }

    /** The stylized image. */
    public BufferedImage image() {
        return image;
    }

    /** The image's width in pixels. */
    public int width() {
        return image.getWidth();
    }

    /** The image's height in pixels. */
    public int height() {
        return image.getHeight();
    }

    /** The method that made it. */
    public Method method() {
        return method;
    }

    /** The backend's name. */
    public String backend() {
        return backend;
    }

    /** {@code cpu} or {@code gpu}. */
    public String device() {
        return device;
    }

    /** Wall time of the run, image loading included. */
    public double seconds() {
        return seconds;
    }

    /** Whether a listener stopped the run early (only an iterative method can be stopped so). */
    public boolean cancelled() {
        return cancelled;
    }

    /** The optimisation's figures, for an iterative method (Gatys); empty for the one-pass methods. */
    public Optional<Optimization> optimization() {
        return Optional.ofNullable(optimization);
    }

    /**
     * Writes the image; see {@link Images#write}.
     *
     * @throws StyleTransferException naming the file if it cannot be written
     */
    public void save(Path file) {
        Images.write(image, file);
    }

    /** The figures by name, in a stable order, for reports. */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("method", method.id());
        f.put("backend", backend);
        f.put("device", device);
        f.put("width", width());
        f.put("height", height());
        if (optimization != null) {
            f.putAll(optimization.figures(seconds));
        }
        f.put("seconds", seconds);
        f.put("cancelled", cancelled);
        return f;
    }

    @Override
    public String toString() {
        return "StyleTransferResult[" + method.id() + " on " + backend + "/" + device + ", " + width() + "x" + height()
                + ", " + seconds + " s" + (cancelled ? ", cancelled" : "") + "]";
    }
}
