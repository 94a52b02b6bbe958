package io.nst.fast;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.AtomicFiles;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Calibration;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calibration of a transfer network for {@link io.nst.Precision#INT8}: taken once per network
 * and backend on fixed photos and cached in the model cache under the network's digest, checked
 * by a digest of its own on every read (a damaged or foreign file is taken again and replaced).
 */
final class Int8Calibrations {

    private static final Logger LOG = LoggerFactory.getLogger(Int8Calibrations.class);

    /** Where the calibration photos come from: the training set's photos, fetched like models. */
    static final String PHOTOS = "datasets/bsds500/train/";

    /** How many photos, spread evenly over the training set in id order. */
    static final int PHOTO_COUNT = 8;

    /** The long side the photos are calibrated at (activation ranges hardly depend on size). */
    static final int SIDE = 384;

    private static final String CHECK = "sha256 ";

    private Int8Calibrations() {}

    /**
     * The calibration of {@code network} on {@code backend}, from the cache or taken now.
     *
     * @param pixelScale what the network's input pixels are multiplied by (255 for the transfer
     *     networks)
     * @throws StyleTransferException of kind {@code NOT_FOUND} when the calibration photos cannot
     *     be had, {@code IO} when the cache cannot be written, {@code CANCELLED} when interrupted
     */
    static Calibration of(Backend backend, NetworkSpec network, ModelRepository repository, float pixelScale) {
        Path file = cacheFile(backend, network, repository);
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            LOG.debug("no int8 calibration cached at {}", file);
        } catch (IOException e) {
            LOG.warn("int8 calibration {} is damaged ({}); calibrating again", file, e.getMessage());
        }
        LOG.info("calibrating {} for int8 on {} photos (once; cached at {})", network.name(), PHOTO_COUNT, file);
        Calibration calibration = backend.calibrate(network, photos(repository, pixelScale));
        try {
            Files.createDirectories(file.getParent());
            byte[] body = calibration.toBytes();
            byte[] check = (CHECK + sha256(body) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] whole = Arrays.copyOf(check, check.length + body.length);
            System.arraycopy(body, 0, whole, check.length, body.length);
            AtomicFiles.write(file, part -> Files.write(part, whole));
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.IO, "cannot cache the int8 calibration at " + file + ": " + e.getMessage(), e);
        }
        return calibration;
    }

    /** {@code <cache>/calibration/<backend>/<network digest>.txt}. */
    static Path cacheFile(Backend backend, NetworkSpec network, ModelRepository repository) {
        return repository
                .cacheDirectory()
                .resolve("calibration")
                .resolve(backend.name())
                .resolve(network.digest() + ".txt");
    }

    /** A cached calibration whose first line is the digest of the rest. */
    static Calibration read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int newline = indexOf(bytes, (byte) '\n');
        String first = new String(bytes, 0, Math.max(newline, 0), StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        if (newline < 0 || !first.equals(CHECK + sha256(body))) {
            throw new IOException("its digest does not match its content");
        }
        return Calibration.fromBytes(body);
    }

    /** The calibration photos, scaled to {@link #SIDE}, padded as the networks take them. */
    static List<FloatTensor> photos(ModelRepository repository, float pixelScale) {
        List<String> ids = repository.idsUnder(PHOTOS);
        if (ids.size() < PHOTO_COUNT) {
            throw new StyleTransferException(
                    Kind.NOT_FOUND,
                    "int8 calibration needs " + PHOTO_COUNT + " photos under " + PHOTOS + ", the catalogue has "
                            + ids.size());
        }
        List<FloatTensor> photos = new ArrayList<>();
        for (int i = 0; i < PHOTO_COUNT; i++) {
            String id = ids.get(i * ids.size() / PHOTO_COUNT);
            try {
                BufferedImage photo = Images.read(repository.resolve(id));
                double zoom = (double) SIDE / Math.max(photo.getWidth(), photo.getHeight());
                BufferedImage sized = ImageTensors.draw(
                        photo, Math.max(4, (int) Math.round(photo.getWidth() * zoom)), Math.max(4, (int)
                                Math.round(photo.getHeight() * zoom)));
                int height = (sized.getHeight() + 3) / 4 * 4;
                int width = (sized.getWidth() + 3) / 4 * 4;
                photos.add(ImageTensors.toTensor(sized, pixelScale, height, width));
            } catch (IOException e) {
                throw new StyleTransferException(
                        Kind.NOT_FOUND, "int8 calibration photo " + id + ": " + e.getMessage(), e);
            }
        }
        return photos;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
