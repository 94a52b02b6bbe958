package io.nst.fast;

import com.google.gson.JsonObject;
import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.internal.OnePass;
import io.nst.fast.internal.Snapshot;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Calibration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calibration of a transfer network for {@link io.nst.Precision#INT8}: taken once per network
 * and backend on fixed photos and cached in the model cache under the network's digest as a
 * {@link Snapshot}, so that every read checks it (a damaged one is taken again and replaced).
 */
final class Int8Calibrations {

    private static final Logger LOG = LoggerFactory.getLogger(Int8Calibrations.class);

    /** Where the calibration photos come from: the training set's photos, fetched like models. */
    static final String PHOTOS = "datasets/bsds500/train/";

    /** How many photos, spread evenly over the training set in id order. */
    static final int PHOTO_COUNT = 8;

    /** The long side the photos are calibrated at (activation ranges hardly depend on size). */
    static final int SIDE = 384;

    /** The calibration's file in its snapshot. */
    private static final String FILE = "calibration.txt";

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
        Path pointer = cacheFile(backend, network, repository);
        try {
            Optional<Snapshot.Loaded> cached = Snapshot.read(pointer);
            if (cached.isPresent()) {
                byte[] bytes = cached.get().files().get(FILE);
                if (bytes == null) {
                    throw new IOException(pointer + " holds no " + FILE);
                }
                return Calibration.fromBytes(bytes);
            }
            LOG.debug("no int8 calibration cached at {}", pointer);
        } catch (IOException e) {
            LOG.warn("int8 calibration {} is damaged ({}); calibrating again", pointer, e.getMessage());
        }
        LOG.info("calibrating {} for int8 on {} photos (once; cached at {})", network.name(), PHOTO_COUNT, pointer);
        Calibration calibration = backend.calibrate(network, photos(repository, pixelScale));
        try {
            Snapshot.write(pointer, network.digest(), new JsonObject(), Map.of(FILE, calibration.toBytes()), false);
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.IO, "cannot cache the int8 calibration at " + pointer + ": " + e.getMessage(), e);
        }
        return calibration;
    }

    /** {@code <cache>/calibration/<backend>/<network digest>.json}, the snapshot's pointer. */
    static Path cacheFile(Backend backend, NetworkSpec network, ModelRepository repository) {
        return repository
                .cacheDirectory()
                .resolve("calibration")
                .resolve(backend.name())
                .resolve(network.digest() + ".json");
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
                photos.add(OnePass.networkInput(
                        Images.resizeLongSide(Images.read(repository.resolve(id)), SIDE), pixelScale));
            } catch (IOException e) {
                throw new StyleTransferException(
                        Kind.NOT_FOUND, "int8 calibration photo " + id + ": " + e.getMessage(), e);
            }
        }
        return photos;
    }
}
