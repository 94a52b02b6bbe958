package io.nst.fast;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.repo.AtomicFiles;
import io.nst.Device;
import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.loss.LossWeights;
import io.nst.net.FeatureNetwork;
import io.nst.net.NetworkSpec;
import io.nst.net.Parameters;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import io.nst.net.FloatTensor;
import io.nst.loss.LossTerms;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import io.nst.spi.TrainingState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a transfer network for one painting on a folder of photos (Johnson et al.'s perceptual
 * loss: content at a deep layer of a feature network, Gram-matrix style over several layers,
 * total variation), on a backend that can train (PyTorch). The result is a model directory that
 * every backend runs ({@code FastStylizer.builder().model(dir)}).
 *
 * <p>Checkpoints (every N steps and at the end) hold the weights, Adam's moments, the step and
 * the position in the data; a resumed run ends with the same weights as an uninterrupted one
 * (same seed, CPU). Checkpoints are replaced whole or not at all.
 */
public final class StyleTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(StyleTrainer.class);
    private static final String CHECKPOINT = "checkpoint";

    private final Builder b;

    private StyleTrainer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a training run produced. */
    public record Result(Path model, int iterations, double firstLoss, double lastLoss, double seconds,
            double imagesPerSecond, int skippedPhotos) {}

    /** Runs the training; the model directory is written at the end (and the checkpoint on the way). */
    public Result train() {
        long start = System.nanoTime();
        Backend backend = Backends.select(b.backend, Capability.TRAINING);
        boolean gpu = backend.useGpu(b.device);
        ModelRepository repository = b.repository != null ? b.repository : ModelRepository.fromEnvironment();
        BufferedImage styleImage = Images.read(b.style);
        FloatTensor style = Images.toTensor(Images.resizeLongSide(styleImage, b.size));
        List<String> skipped = new ArrayList<>();
        TrainingData data = new TrainingData(b.dataset, b.size, b.seed, message -> {
            skipped.add(message);
            LOG.warn("skipped {}", message);
        });
        FeatureNetwork featureNetwork = featureNetwork();
        Set<String> layers = new LinkedHashSet<>(featureNetwork.defaultStyleLayers().keySet());
        layers.add(featureNetwork.defaultContentLayer());
        NetworkSpec features;
        try {
            features = featureNetwork.load(repository, layers);
        } catch (IOException e) {
            throw new StyleTransferException("feature network " + featureNetwork + ": " + e.getMessage(), e);
        }
        int iterations = b.epochs > 0 ? (int) Math.ceil((double) b.epochs * data.count() / b.batch) : b.iterations;
        JsonObject settings = settings();
        NetworkSpec initial = TransferModels.initial(b.width, b.seed);
        Path checkpoint = b.output.resolve(CHECKPOINT);
        Checkpoint resumeFrom = b.resume && Files.isDirectory(checkpoint) ? Checkpoint.read(checkpoint, settings, initial) : null;
        TrainingProblem problem = new TrainingProblem(initial, features, style, featureNetwork.defaultContentLayer(),
                featureNetwork.defaultStyleLayers(), b.weights, b.learningRate);
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try (TrainingSession session = backend.train(problem, gpu)) {
            long sample = 0;
            int done = 0;
            if (resumeFrom != null) {
                session.restore(resumeFrom.state());
                sample = resumeFrom.nextSample();
                done = (int) resumeFrom.state().step();
                LOG.info("resumed at step {} from {}", done, checkpoint);
            }
            int startStep = done;
            int checkpointed = resumeFrom != null ? done : -1;
            long runStart = System.nanoTime();
            while (done < iterations) {
                List<FloatTensor> batch = new ArrayList<>();
                for (int i = 0; i < b.batch; i++) {
                    TrainingData.Sample s = data.sample(sample);
                    batch.add(s.image());
                    sample = s.next();
                }
                LossTerms loss;
                int attempted = done + 1;
                try {
                    loss = session.step(batch);
                    done++;
                    if (b.checkpointEvery > 0 && done % b.checkpointEvery == 0 && done < iterations) {
                        Checkpoint.write(checkpoint, settings, session.state(), sample);
                        checkpointed = done;
                    }
                } catch (ArithmeticException e) {
                    throw diverged(attempted, e.getMessage(), checkpointed);
                }
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss.total();
                }
                lastLoss = loss.total();
                if (b.listener != null && (done % b.progressEvery == 0 || done == iterations)) {
                    double seconds = (System.nanoTime() - runStart) / 1e9;
                    double rate = (done - startStep) * b.batch / seconds;
                    NetworkSpec current = session.network();
                    b.listener.accept(new TrainingProgress(done, iterations, loss, rate,
                            (iterations - done) * b.batch / rate, () -> preview(backend, current)));
                }
            }
            try {
                Checkpoint.write(checkpoint, settings, session.state(), sample);
            } catch (ArithmeticException e) {
                throw diverged(done, e.getMessage(), checkpointed);
            }
            JsonObject metadata = metadata(settings, data.count(), skipped.size(), done);
            TransferModels.save(session.network(), b.output, metadata);
            double seconds = (System.nanoTime() - start) / 1e9;
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            return new Result(b.output, done, firstLoss, lastLoss, seconds,
                    (done - startStep) * b.batch / Math.max(runSeconds, 1e-9), skipped.size());
        } catch (IOException e) {
            throw new StyleTransferException(b.output + ": " + e.getMessage(), e);
        }
    }

    /** A numerical breakdown: what went non-finite, where, what is kept and what to try. */
    private StyleTransferException diverged(int step, String what, int checkpointed) {
        String kept = checkpointed >= 0
                ? "the checkpoint of step " + checkpointed + " is kept, and a resumed run continues from it"
                : "this run wrote no checkpoint";
        return new StyleTransferException("training stopped at step " + step + ": " + what
                + "; the model was not written and " + kept + ". Try a lower learning rate (now " + b.learningRate
                + ") or style weight (now " + b.weights.style() + ")");
    }

    private BufferedImage preview(Backend backend, NetworkSpec network) {
        if (b.validation == null) {
            throw new IllegalStateException("no validation photo was given");
        }
        try (FastStylizer stylizer = FastStylizer.compiled(backend, network)) {
            return stylizer.stylize(Images.resizeLongSide(Images.read(b.validation), b.size));
        }
    }

    private FeatureNetwork featureNetwork() {
        return b.features != null ? b.features : FeatureNetwork.defaultNetwork();
    }

    /** The settings a checkpoint must share to be resumed. */
    private JsonObject settings() {
        JsonObject s = new JsonObject();
        s.addProperty("architecture", "johnson2016");
        s.addProperty("width", b.width.name().toLowerCase());
        s.addProperty("features", featureNetwork().name());
        s.addProperty("style", sha256(b.style));
        s.addProperty("size", b.size);
        s.addProperty("batch", b.batch);
        s.addProperty("learningRate", b.learningRate);
        s.add("weights", new Gson().toJsonTree(b.weights));
        s.addProperty("seed", b.seed);
        return s;
    }

    private JsonObject metadata(JsonObject settings, int photos, int skipped, int iterations) {
        JsonObject m = new JsonObject();
        m.addProperty("format", 1);
        m.addProperty("architecture", "johnson2016");
        m.addProperty("width", b.width.name().toLowerCase());
        JsonObject training = settings.deepCopy();
        training.addProperty("iterations", iterations);
        training.addProperty("photos", photos);
        training.addProperty("skippedPhotos", skipped);
        m.add("training", training);
        JsonObject provenance = new JsonObject();
        provenance.addProperty("styleImage", b.style.getFileName().toString());
        provenance.addProperty("dataset", b.dataset.toString());
        provenance.addProperty("trainedBy", "nst StyleTrainer");
        provenance.addProperty("date", Instant.now().toString());
        m.add("provenance", provenance);
        return m;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new StyleTransferException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** A checkpoint directory: {@code state.json} and the parameters and moments as float32 files. */
    private record Checkpoint(TrainingState state, long nextSample) {

        static void write(Path dir, JsonObject settings, TrainingState state, long nextSample) throws IOException {
            requireFinite(state.parameters(), "weights");
            requireFinite(state.firstMoments(), "first moments");
            requireFinite(state.secondMoments(), "second moments");
            Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            writeFloats(tmp.resolve("parameters.f32"), state.parameters());
            writeFloats(tmp.resolve("first-moments.f32"), state.firstMoments());
            writeFloats(tmp.resolve("second-moments.f32"), state.secondMoments());
            JsonObject json = new JsonObject();
            json.addProperty("step", state.step());
            json.addProperty("nextSample", nextSample);
            json.add("settings", settings);
            Files.writeString(tmp.resolve("state.json"), json.toString());
            Path old = dir.resolveSibling(dir.getFileName() + ".old");
            deleteRecursively(old);
            if (Files.exists(dir)) {
                Files.move(dir, old);
            }
            Files.move(tmp, dir);
            deleteRecursively(old);
        }

        static Checkpoint read(Path dir, JsonObject settings, NetworkSpec architecture) {
            try {
                JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("state.json"))).getAsJsonObject();
                JsonObject saved = json.getAsJsonObject("settings");
                for (String key : settings.keySet()) {
                    if (!Objects.equals(settings.get(key), saved.get(key))) {
                        throw new StyleTransferException("checkpoint " + dir + " is from a different training: its " + key
                                + " is " + saved.get(key) + ", this run's is " + settings.get(key)
                                + "; nothing was overwritten");
                    }
                }
                List<float[]> shapes = Parameters.of(architecture);
                TrainingState state = new TrainingState(json.get("step").getAsLong(),
                        readFloats(dir.resolve("parameters.f32"), shapes), readFloats(dir.resolve("first-moments.f32"), shapes),
                        readFloats(dir.resolve("second-moments.f32"), shapes));
                return new Checkpoint(state, json.get("nextSample").getAsLong());
            } catch (IOException | RuntimeException e) {
                if (e instanceof StyleTransferException s) {
                    throw s;
                }
                throw new StyleTransferException("checkpoint " + dir + " cannot be resumed: " + e.getMessage(), e);
            }
        }

        /** A checkpoint never holds NaN or infinity: the one before it stays instead. */
        private static void requireFinite(List<float[]> arrays, String what) {
            for (float[] a : arrays) {
                for (float v : a) {
                    if (!Float.isFinite(v)) {
                        throw new ArithmeticException("the " + what + " hold " + v + " after the update");
                    }
                }
            }
        }

        private static void writeFloats(Path file, List<float[]> arrays) throws IOException {
            long total = arrays.stream().mapToLong(a -> a.length).sum();
            ByteBuffer bytes = ByteBuffer.allocate((int) (4 * total)).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] a : arrays) {
                bytes.asFloatBuffer().put(a);
                bytes.position(bytes.position() + 4 * a.length);
            }
            AtomicFiles.write(file, part -> Files.write(part, bytes.array()));
        }

        private static List<float[]> readFloats(Path file, List<float[]> shapes) throws IOException {
            long total = shapes.stream().mapToLong(a -> a.length).sum();
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != 4 * total) {
                throw new IOException(file + " has " + bytes.length + " bytes, the network needs " + 4 * total
                        + " (a different architecture)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            List<float[]> out = new ArrayList<>();
            for (float[] shape : shapes) {
                float[] a = new float[shape.length];
                buffer.asFloatBuffer().get(a);
                buffer.position(buffer.position() + 4 * a.length);
                out.add(a);
            }
            return out;
        }

        private static void deleteRecursively(Path path) throws IOException {
            if (!Files.exists(path)) {
                return;
            }
            try (var walk = Files.walk(path)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Configures a {@link StyleTrainer}. */
    public static final class Builder {
        private Path style;
        private Path dataset;
        private Path output;
        private Path validation;
        private int size = 256;
        private int batch = 4;
        private int iterations = 2000;
        private int epochs;
        private double learningRate = 1e-3;
        private LossWeights weights = LossWeights.DEFAULT;
        private FeatureNetwork features;
        private TransferModels.Width width = TransferModels.Width.FULL;
        private int checkpointEvery;
        private boolean resume;
        private long seed;
        private String backend;
        private Device device = Device.AUTO;
        private Consumer<TrainingProgress> listener;
        private int progressEvery = 10;
        private ModelRepository repository;

        private Builder() {}

        /** The painting. */
        public Builder style(Path file) {
            this.style = Objects.requireNonNull(file, "file");
            return this;
        }

        /** A folder of photos, searched recursively for JPEG and PNG files. */
        public Builder dataset(Path folder) {
            this.dataset = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** The model directory to write (its {@code checkpoint} subfolder holds the checkpoint). */
        public Builder output(Path dir) {
            this.output = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** A photo rendered by {@link TrainingProgress#preview()}. */
        public Builder validation(Path photo) {
            this.validation = photo;
            return this;
        }

        /** Side of the square training crops (default 256). */
        public Builder size(int pixels) {
            this.size = pixels;
            return this;
        }

        /** Photos per step (default 4). */
        public Builder batch(int photos) {
            this.batch = photos;
            return this;
        }

        /** Training steps in all, a resumed run included (default 2000). */
        public Builder iterations(int steps) {
            this.iterations = steps;
            return this;
        }

        /** Train for whole passes over the photos instead of a number of steps (0: use iterations). */
        public Builder epochs(int passes) {
            this.epochs = passes;
            return this;
        }

        /** Adam's step size (default 0.001). */
        public Builder learningRate(double rate) {
            this.learningRate = rate;
            return this;
        }

        /**
         * Loss weights (default content 1, style 30, TV 0.001); the style weight sets how strongly
         * the model stylizes.
         */
        public Builder weights(LossWeights weights) {
            this.weights = Objects.requireNonNull(weights, "weights");
            return this;
        }

        public Builder features(FeatureNetwork network) {
            this.features = Objects.requireNonNull(network, "network");
            return this;
        }

        public Builder width(TransferModels.Width width) {
            this.width = Objects.requireNonNull(width, "width");
            return this;
        }

        /** Write a checkpoint every {@code steps} steps (0: only at the end). */
        public Builder checkpointEvery(int steps) {
            this.checkpointEvery = steps;
            return this;
        }

        /** Continue from the output directory's checkpoint, if there is one. */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder backend(String name) {
            this.backend = name;
            return this;
        }

        public Builder device(Device device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        public Builder listener(Consumer<TrainingProgress> listener) {
            this.listener = listener;
            return this;
        }

        public Builder progressEvery(int steps) {
            this.progressEvery = steps;
            return this;
        }

        public Builder repository(ModelRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public StyleTrainer build() {
            if (style == null || dataset == null || output == null) {
                throw new IllegalArgumentException("a style image, a dataset folder and an output directory are required");
            }
            if (size < 16 || size > 1024) {
                throw new IllegalArgumentException("size must be between 16 and 1024 pixels, got " + size);
            }
            if (batch < 1 || iterations < 1 || epochs < 0 || progressEvery < 1 || checkpointEvery < 0) {
                throw new IllegalArgumentException("batch, iterations and progress interval must be at least 1,"
                        + " the checkpoint interval at least 0");
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
            return new StyleTrainer(this);
        }
    }
}
