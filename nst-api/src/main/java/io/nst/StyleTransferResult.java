package io.nst;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stylized image and the run's figures. Loss figures are weighted terms; for methods
 * without losses (fast) they are {@code NaN}. Holds no native memory; the image is the caller's
 * to keep or change.
 *
 * <p>Immutable apart from the image, which belongs to the caller; safe to share between threads
 * once the image is no longer changed.
 *
 * @param image the stylized image
 * @param method the method's id ({@code gatys}, {@code fast})
 * @param backend the backend's name
 * @param device {@code cpu} or {@code gpu}
 * @param iterations optimiser iterations done
 * @param evaluations loss-and-gradient evaluations done (line searches may add some)
 * @param initialLoss total loss of the starting image
 * @param finalLoss total loss of the result
 * @param contentLoss weighted content term of the result
 * @param styleLoss weighted style term of the result
 * @param tvLoss weighted total-variation term of the result
 * @param seconds wall time of the run, image loading included
 * @param cancelled whether a listener stopped the run early
 */
public record StyleTransferResult(
        BufferedImage image,
        String method,
        String backend,
        String device,
        int iterations,
        int evaluations,
        double initialLoss,
        double finalLoss,
        double contentLoss,
        double styleLoss,
        double tvLoss,
        double seconds,
        boolean cancelled) {

    /** The image's width in pixels. */
    public int width() {
        return image.getWidth();
    }

    /** The image's height in pixels. */
    public int height() {
        return image.getHeight();
    }

    /** Wall time divided by iterations (NaN without iterations). */
    public double secondsPerIteration() {
        return iterations == 0 ? Double.NaN : seconds / iterations;
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
        f.put("method", method);
        f.put("backend", backend);
        f.put("device", device);
        f.put("width", width());
        f.put("height", height());
        f.put("iterations", iterations);
        f.put("evaluations", evaluations);
        f.put("initialLoss", initialLoss);
        f.put("finalLoss", finalLoss);
        f.put("contentLoss", contentLoss);
        f.put("styleLoss", styleLoss);
        f.put("tvLoss", tvLoss);
        f.put("seconds", seconds);
        f.put("secondsPerIteration", secondsPerIteration());
        f.put("cancelled", cancelled);
        return f;
    }
}
