package io.nst.fast;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.nst.FeatureNetwork;
import io.nst.LossWeights;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a training writes about itself: the settings a checkpoint must share to be resumed, and the
 * metadata of the model it produces (its settings, counts and provenance).
 */
final class TrainingManifest {

    private TrainingManifest() {}

    /** The settings a checkpoint must share to be resumed. */
    static JsonObject settings(
            StyleTrainer.Width width,
            FeatureNetwork features,
            Path style,
            int size,
            int batch,
            double learningRate,
            LossWeights weights,
            long seed) {
        JsonObject s = new JsonObject();
        s.addProperty("architecture", "johnson2016");
        s.addProperty("width", width.name().toLowerCase(Locale.ROOT));
        s.addProperty("features", features.name());
        s.addProperty("style", sha256(style));
        s.addProperty("size", size);
        s.addProperty("batch", batch);
        s.addProperty("learningRate", learningRate);
        s.add("weights", new Gson().toJsonTree(weights));
        s.addProperty("seed", seed);
        return s;
    }

    /** The model's metadata: format, architecture, the training's settings and counts, provenance. */
    static JsonObject metadata(
            JsonObject settings,
            StyleTrainer.Width width,
            Path style,
            Path dataset,
            int photos,
            int skipped,
            int iterations) {
        JsonObject m = new JsonObject();
        m.addProperty("format", 1);
        m.addProperty("architecture", "johnson2016");
        m.addProperty("width", width.name().toLowerCase(Locale.ROOT));
        JsonObject training = settings.deepCopy();
        training.addProperty("iterations", iterations);
        training.addProperty("photos", photos);
        training.addProperty("skippedPhotos", skipped);
        m.add("training", training);
        JsonObject provenance = new JsonObject();
        provenance.addProperty("styleImage", style.getFileName().toString());
        provenance.addProperty("dataset", dataset.toString());
        provenance.addProperty("trainedBy", "nst StyleTrainer");
        provenance.addProperty("date", Instant.now().toString());
        m.add("provenance", provenance);
        return m;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new StyleTransferException(Kind.IO, file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
