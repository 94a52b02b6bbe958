package io.nst.fast;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.nst.Device;
import io.nst.Images;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.loss.LossTerms;
import io.nst.loss.LossWeights;
import io.nst.net.FeatureNetwork;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.net.Parameters;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 *
 * <p>Immutable; {@link #train()} holds the engine's memory only while it runs. Training on
 * several threads at once is safe as long as each writes its own output directory.
 */
public final class StyleTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(StyleTrainer.class);
    private static final String CHECKPOINT = "checkpoint.json";

    private final Path style;
    private final Path dataset;
    private final Path output;
    private final Path validation;
    private final int size;
    private final int batch;
    private final int iterations;
    private final int epochs;
    private final double learningRate;
    private final LossWeights weights;
    private final FeatureNetwork featureNetwork;
    private final TransferModels.Width width;
    private final int checkpointEvery;
    private final boolean resume;
    private final long seed;
    private final RunSettings runSettings;
    private final Consumer<TrainingProgress> listener;
    private final int progressEvery;

    private StyleTrainer(Builder b) {
        this.style = b.style;
        this.dataset = b.dataset;
        this.output = b.output;
        this.validation = b.validation;
        this.size = b.size;
        this.batch = b.batch;
        this.iterations = b.iterations;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.weights = b.weights;
        this.width = b.width;
        this.checkpointEvery = b.checkpointEvery;
        this.resume = b.resume;
        this.seed = b.seed;
        this.listener = b.listener;
        this.progressEvery = b.progressEvery;
        this.runSettings = b.run.build();
        this.featureNetwork = b.features != null ? b.features : FeatureNetwork.defaultNetwork();
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this trainer's settings, to vary some of them (another output, more steps, resume). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.style = style;
        b.dataset = dataset;
        b.output = output;
        b.validation = validation;
        b.size = size;
        b.batch = batch;
        b.iterations = iterations;
        b.epochs = epochs;
        b.learningRate = learningRate;
        b.weights = weights;
        b.features = featureNetwork;
        b.width = width;
        b.checkpointEvery = checkpointEvery;
        b.resume = resume;
        b.seed = seed;
        b.run = runSettings.toBuilder();
        b.listener = listener;
        b.progressEvery = progressEvery;
        return b;
    }

    /** What a training run produced. */
    public record Result(
            Path model,
            int iterations,
            double firstLoss,
            double lastLoss,
            double seconds,
            double imagesPerSecond,
            int skippedPhotos) {}

    /** Runs the training; the model directory is written at the end (and the checkpoint on the way). */
    public Result train() {
        long start = System.nanoTime();
        Backend backend = Backends.select(runSettings.backend(), Capability.TRAINING);
        boolean gpu = backend.useGpu(runSettings.device());
        ModelRepository repository = runSettings.repository();
        FloatTensor painting = Images.toTensor(Images.resizeLongSide(Images.read(style), size));
        List<String> skipped = new ArrayList<>();
        TrainingData data = new TrainingData(dataset, size, seed, message -> {
            skipped.add(message);
            LOG.warn("skipped {}", message);
        });
        Set<String> layers =
                new LinkedHashSet<>(featureNetwork.defaultStyleLayers().keySet());
        layers.add(featureNetwork.defaultContentLayer());
        NetworkSpec features;
        try {
            features = featureNetwork.load(repository, layers);
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.NOT_FOUND, "feature network " + featureNetwork + ": " + e.getMessage(), e);
        }
        int steps = epochs > 0 ? (int) Math.ceil((double) epochs * data.count() / batch) : iterations;
        JsonObject settings = settings();
        NetworkSpec initial = TransferModels.initial(width, seed);
        Path checkpoint = output.resolve(CHECKPOINT);
        Checkpoint resumeFrom =
                resume ? Checkpoint.read(checkpoint, settings, initial).orElse(null) : null;
        TrainingProblem problem = new TrainingProblem(
                initial,
                features,
                painting,
                featureNetwork.defaultContentLayer(),
                featureNetwork.defaultStyleLayers(),
                weights,
                learningRate);
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
            while (done < steps) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StyleTransferException(
                            Kind.CANCELLED,
                            "training interrupted after step " + done + "; "
                                    + (checkpointed >= 0
                                            ? "the checkpoint of step " + checkpointed
                                                    + " is kept, and --resume continues" + " from it"
                                            : "no checkpoint was written (see checkpointEvery)"));
                }
                List<FloatTensor> photos = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    TrainingData.Sample s = data.sample(sample);
                    photos.add(s.image());
                    sample = s.next();
                }
                LossTerms loss;
                int attempted = done + 1;
                try {
                    loss = session.step(photos);
                    done++;
                    if (checkpointEvery > 0 && done % checkpointEvery == 0 && done < steps) {
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
                if (listener != null && (done % progressEvery == 0 || done == steps)) {
                    double seconds = (System.nanoTime() - runStart) / 1e9;
                    double rate = (done - startStep) * batch / seconds;
                    NetworkSpec current = session.network();
                    listener.accept(new TrainingProgress(
                            done, steps, loss, rate, (steps - done) * batch / rate, () -> preview(backend, current)));
                }
            }
            try {
                Checkpoint.write(checkpoint, settings, session.state(), sample);
            } catch (ArithmeticException e) {
                throw diverged(done, e.getMessage(), checkpointed);
            }
            JsonObject metadata = metadata(settings, data.count(), skipped.size(), done);
            TransferModels.save(session.network(), output, metadata);
            double seconds = (System.nanoTime() - start) / 1e9;
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            return new Result(
                    output,
                    done,
                    firstLoss,
                    lastLoss,
                    seconds,
                    (done - startStep) * batch / Math.max(runSeconds, 1e-9),
                    skipped.size());
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, output + ": " + e.getMessage(), e);
        }
    }

    /** A numerical breakdown: what went non-finite, where, what is kept and what to try. */
    private StyleTransferException diverged(int step, String what, int checkpointed) {
        String kept = checkpointed >= 0
                ? "the checkpoint of step " + checkpointed + " is kept, and a resumed run continues from it"
                : "this run wrote no checkpoint";
        return new StyleTransferException(
                Kind.ENGINE,
                "training stopped at step " + step + ": " + what
                        + "; the model was not written and " + kept + ". Try a lower learning rate (now " + learningRate
                        + ") or style weight (now " + weights.style() + ")");
    }

    private BufferedImage preview(Backend backend, NetworkSpec network) {
        if (validation == null) {
            throw new IllegalStateException("no validation photo was given");
        }
        try (FastStylizer stylizer = FastStylizer.compiled(backend, network)) {
            return stylizer.stylize(Images.resizeLongSide(Images.read(validation), size));
        }
    }

    /** The settings a checkpoint must share to be resumed. */
    private JsonObject settings() {
        JsonObject s = new JsonObject();
        s.addProperty("architecture", "johnson2016");
        s.addProperty("width", width.name().toLowerCase());
        s.addProperty("features", featureNetwork.name());
        s.addProperty("style", sha256(style));
        s.addProperty("size", size);
        s.addProperty("batch", batch);
        s.addProperty("learningRate", learningRate);
        s.add("weights", new Gson().toJsonTree(weights));
        s.addProperty("seed", seed);
        return s;
    }

    private JsonObject metadata(JsonObject settings, int photos, int skipped, int iterations) {
        JsonObject m = new JsonObject();
        m.addProperty("format", 1);
        m.addProperty("architecture", "johnson2016");
        m.addProperty("width", width.name().toLowerCase());
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

    /**
     * A checkpoint: {@value #CHECKPOINT} (the step, the next sample, the settings) naming a folder
     * {@code checkpoint-<digest>} with the parameters and moments as float32 files, replaced as a
     * whole with the previous checkpoint kept (see {@link Snapshot}).
     */
    private record Checkpoint(TrainingState state, long nextSample) {

        private static final List<String> FILES = List.of("parameters.f32", "first-moments.f32", "second-moments.f32");

        static void write(Path pointer, JsonObject settings, TrainingState state, long nextSample) throws IOException {
            requireFinite(state.parameters(), "weights");
            requireFinite(state.firstMoments(), "first moments");
            requireFinite(state.secondMoments(), "second moments");
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(FILES.get(0), floats(state.parameters()));
            files.put(FILES.get(1), floats(state.firstMoments()));
            files.put(FILES.get(2), floats(state.secondMoments()));
            JsonObject record = new JsonObject();
            record.addProperty("step", state.step());
            record.addProperty("nextSample", nextSample);
            record.add("settings", settings);
            Snapshot.write(pointer, "checkpoint", record, files, true);
        }

        /** The checkpoint {@code pointer} names, if there is one; a damaged one is refused, nothing deleted. */
        static Optional<Checkpoint> read(Path pointer, JsonObject settings, NetworkSpec architecture) {
            try {
                Optional<Snapshot.Loaded> loaded = Snapshot.read(pointer);
                if (loaded.isEmpty()) {
                    return Optional.empty();
                }
                JsonObject json = loaded.get().record();
                JsonObject saved = json.getAsJsonObject("settings");
                for (String key : settings.keySet()) {
                    if (!Objects.equals(settings.get(key), saved.get(key))) {
                        throw new StyleTransferException(
                                Kind.BAD_INPUT,
                                "checkpoint " + pointer + " is from a different training: its " + key
                                        + " is " + saved.get(key) + ", this run's is " + settings.get(key)
                                        + "; nothing was overwritten");
                    }
                }
                List<float[]> shapes = Parameters.of(architecture);
                Map<String, byte[]> files = loaded.get().files();
                TrainingState state = new TrainingState(
                        json.get("step").getAsLong(),
                        floats(files.get(FILES.get(0)), shapes),
                        floats(files.get(FILES.get(1)), shapes),
                        floats(files.get(FILES.get(2)), shapes));
                return Optional.of(new Checkpoint(state, json.get("nextSample").getAsLong()));
            } catch (IOException | RuntimeException e) {
                if (e instanceof StyleTransferException s) {
                    throw s;
                }
                throw new StyleTransferException(
                        Kind.BAD_INPUT,
                        "checkpoint " + pointer + " cannot be resumed: " + e.getMessage()
                                + "; nothing was deleted (run without --resume to start again)",
                        e);
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

        private static byte[] floats(List<float[]> arrays) {
            long total = arrays.stream().mapToLong(a -> a.length).sum();
            ByteBuffer bytes = ByteBuffer.allocate((int) (4 * total)).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] a : arrays) {
                bytes.asFloatBuffer().put(a);
                bytes.position(bytes.position() + 4 * a.length);
            }
            return bytes.array();
        }

        private static List<float[]> floats(byte[] bytes, List<float[]> shapes) throws IOException {
            long total = shapes.stream().mapToLong(a -> a.length).sum();
            if (bytes.length != 4 * total) {
                throw new IOException(
                        "its arrays hold " + bytes.length / 4 + " values, this network has " + total + " parameters");
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
        private RunSettings.Builder run = RunSettings.builder();
        private Consumer<TrainingProgress> listener;
        private int progressEvery = 10;

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
            if (pixels < 16 || pixels > 1024) {
                throw new IllegalArgumentException("size must be between 16 and 1024 pixels, got " + pixels);
            }
            this.size = pixels;
            return this;
        }

        /** Photos per step (default 4). */
        public Builder batch(int photos) {
            if (photos < 1) {
                throw new IllegalArgumentException("batch must be at least 1 photo, got " + photos);
            }
            this.batch = photos;
            return this;
        }

        /** Training steps in all, a resumed run included (default 2000). */
        public Builder iterations(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + steps);
            }
            this.iterations = steps;
            return this;
        }

        /** Train for whole passes over the photos instead of a number of steps (0: use iterations). */
        public Builder epochs(int passes) {
            if (passes < 0) {
                throw new IllegalArgumentException("epochs must be at least 0, got " + passes);
            }
            this.epochs = passes;
            return this;
        }

        /** Adam's step size (default 0.001). */
        public Builder learningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + rate);
            }
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

        /** The feature network of the perceptual loss (default: {@link FeatureNetwork#defaultNetwork()}). */
        public Builder features(FeatureNetwork network) {
            this.features = Objects.requireNonNull(network, "network");
            return this;
        }

        /** The transfer network's width (default full; slim is about a quarter of the work). */
        public Builder width(TransferModels.Width width) {
            this.width = Objects.requireNonNull(width, "width");
            return this;
        }

        /** Write a checkpoint every {@code steps} steps (0: only at the end). */
        public Builder checkpointEvery(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("the checkpoint interval must be at least 0, got " + steps);
            }
            this.checkpointEvery = steps;
            return this;
        }

        /** Continue from the output directory's checkpoint, if there is one. */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Seed of the initial weights and of the photos' order and crops (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Backend, device and repository at once; see {@link RunSettings}. */
        public Builder settings(RunSettings settings) {
            this.run = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /** See {@link RunSettings.Builder#backend(String)}; the backend must be able to train. */
        public Builder backend(String name) {
            run.backend(name);
            return this;
        }

        /** See {@link RunSettings.Builder#device(Device)}. */
        public Builder device(Device device) {
            run.device(device);
            return this;
        }

        /**
         * Told of the progress every {@link #progressEvery(int)} steps, on the training thread
         * (default: nobody); {@code null} removes it.
         */
        public Builder listener(Consumer<TrainingProgress> listener) {
            this.listener = listener;
            return this;
        }

        /** Report progress every {@code steps} steps (default 10). */
        public Builder progressEvery(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("progress interval must be at least 1, got " + steps);
            }
            this.progressEvery = steps;
            return this;
        }

        /** See {@link RunSettings.Builder#repository(ModelRepository)}. */
        public Builder repository(ModelRepository repository) {
            run.repository(repository);
            return this;
        }

        /**
         * The trainer; the builder can be changed and reused afterwards without affecting it.
         *
         * @throws IllegalArgumentException naming the input that is missing
         */
        public StyleTrainer build() {
            if (style == null || dataset == null || output == null) {
                throw new IllegalArgumentException(
                        "a style image, a dataset folder and an output directory are required");
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new IllegalArgumentException("output " + output + " is a file; a model needs a directory");
            }
            if (!Files.isRegularFile(style)) {
                throw new IllegalArgumentException(
                        "style " + style + (Files.exists(style) ? " is not a regular file" : ": no such file"));
            }
            if (!Files.isDirectory(dataset)) {
                throw new IllegalArgumentException("dataset " + dataset + " is not a folder");
            }
            return new StyleTrainer(this);
        }
    }
}
