package io.nst.fast;

import com.google.gson.JsonObject;
import io.nst.FeatureNetwork;
import io.nst.Images;
import io.nst.LossTerms;
import io.nst.LossWeights;
import io.nst.RunBuilder;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.internal.TransferModels;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>Immutable; {@link #train()} holds the engine's memory only while it runs. Training on
 * several threads at once is safe as long as each writes its own output directory.
 */
public final class StyleTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(StyleTrainer.class);
    private static final String CHECKPOINT = "checkpoint.json";

    private final RunSettings runSettings;
    /** The settings as given, never changed: a copy of the builder's. */
    private final Plan v;

    private final FeatureNetwork featureNetwork;

    private StyleTrainer(RunSettings runSettings, Plan plan) {
        this.runSettings = runSettings;
        this.v = plan;
        this.featureNetwork = plan.features != null ? plan.features : FeatureNetwork.defaultNetwork();
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder(RunSettings.defaults(), new Plan());
    }

    /** A builder holding this trainer's settings, to vary some of them (another output, more steps, resume). */
    public Builder toBuilder() {
        return new Builder(runSettings, v);
    }

    /** The transfer network's width: the published network, or a slim one practical to train on a CPU. */
    public enum Width {
        /** The published network: 32, 64 and 128 channels. */
        FULL,
        /** Half the channels, about a quarter of the work. */
        SLIM;

        /**
         * {@code full} or {@code slim}, in any case.
         *
         * @throws IllegalArgumentException naming the text otherwise
         */
        public static Width parse(String text) {
            for (Width w : values()) {
                if (w.name().equalsIgnoreCase(text)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("unknown width '" + text + "'; use full or slim");
        }
    }

    /** What a training run produced. Immutable. */
    public static final class Result {
        private final Path model;
        private final int iterations;
        private final double firstLoss;
        private final double lastLoss;
        private final double seconds;
        private final double imagesPerSecond;
        private final int skippedPhotos;

        Result(
                Path model,
                int iterations,
                double firstLoss,
                double lastLoss,
                double seconds,
                double imagesPerSecond,
                int skippedPhotos) {
            this.model = model;
            this.iterations = iterations;
            this.firstLoss = firstLoss;
            this.lastLoss = lastLoss;
            this.seconds = seconds;
            this.imagesPerSecond = imagesPerSecond;
            this.skippedPhotos = skippedPhotos;
        }

        /** The model directory written. */
        public Path model() {
            return model;
        }

        /** Training steps done in all, a resumed run's earlier steps included. */
        public int iterations() {
            return iterations;
        }

        /** The total loss of this run's first step (NaN when it resumed at the end). */
        public double firstLoss() {
            return firstLoss;
        }

        /** The total loss of the last step. */
        public double lastLoss() {
            return lastLoss;
        }

        /** Wall time of the run. */
        public double seconds() {
            return seconds;
        }

        /** Training throughput of this run. */
        public double imagesPerSecond() {
            return imagesPerSecond;
        }

        /** Photos of the dataset that could not be read and were skipped, each logged by name. */
        public int skippedPhotos() {
            return skippedPhotos;
        }
    }

    /** Runs the training; the model directory is written at the end (and the checkpoint on the way). */
    public Result train() {
        long start = System.nanoTime();
        Backend backend = Backends.select(runSettings.backend(), Capability.TRAINING);
        boolean gpu = backend.useGpu(runSettings.device());
        ModelRepository repository = runSettings.repository();
        FloatTensor painting = ImageTensors.toTensor(Images.resizeLongSide(Images.read(v.style), v.size));
        List<String> skipped = new ArrayList<>();
        TrainingData data = new TrainingData(v.dataset, v.size, v.seed, message -> {
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
        int steps = v.epochs > 0 ? (int) Math.ceil((double) v.epochs * data.count() / v.batch) : v.iterations;
        JsonObject settings = TrainingManifest.settings(
                v.width, featureNetwork, v.style, v.size, v.batch, v.learningRate, v.weights, v.seed);
        NetworkSpec initial = TransferModels.initial(TransferModels.Width.valueOf(v.width.name()), v.seed);
        Path checkpoint = v.output.resolve(CHECKPOINT);
        TrainingCheckpoint resumeFrom = v.resume
                ? TrainingCheckpoint.read(checkpoint, settings, initial).orElse(null)
                : null;
        TrainingProblem problem = new TrainingProblem(
                initial,
                features,
                painting,
                featureNetwork.defaultContentLayer(),
                featureNetwork.defaultStyleLayers(),
                v.weights,
                v.learningRate);
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
                                            : "no checkpoint was written (see v.checkpointEvery)"));
                }
                List<FloatTensor> photos = new ArrayList<>();
                for (int i = 0; i < v.batch; i++) {
                    TrainingData.Sample s = data.sample(sample);
                    photos.add(s.image());
                    sample = s.next();
                }
                LossTerms loss;
                int attempted = done + 1;
                try {
                    loss = session.step(photos);
                    done++;
                    if (v.checkpointEvery > 0 && done % v.checkpointEvery == 0 && done < steps) {
                        TrainingCheckpoint.write(checkpoint, settings, session.state(), sample);
                        checkpointed = done;
                    }
                } catch (ArithmeticException e) {
                    throw diverged(attempted, e.getMessage(), checkpointed);
                }
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss.total();
                }
                lastLoss = loss.total();
                if (v.listener != null && (done % v.progressEvery == 0 || done == steps)) {
                    double seconds = (System.nanoTime() - runStart) / 1e9;
                    double rate = (done - startStep) * v.batch / seconds;
                    NetworkSpec current = session.network();
                    v.listener.accept(new TrainingProgress(
                            done, steps, loss, rate, (steps - done) * v.batch / rate, () -> preview(backend, current)));
                }
            }
            try {
                TrainingCheckpoint.write(checkpoint, settings, session.state(), sample);
            } catch (ArithmeticException e) {
                throw diverged(done, e.getMessage(), checkpointed);
            }
            JsonObject metadata = TrainingManifest.metadata(
                    settings, v.width, v.style, v.dataset, data.count(), skipped.size(), done);
            TransferModels.save(session.network(), v.output, metadata);
            double seconds = (System.nanoTime() - start) / 1e9;
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            return new Result(
                    v.output,
                    done,
                    firstLoss,
                    lastLoss,
                    seconds,
                    (done - startStep) * v.batch / Math.max(runSeconds, 1e-9),
                    skipped.size());
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, v.output + ": " + e.getMessage(), e);
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
                        + "; the model was not written and " + kept + ". Try a lower learning rate (now "
                        + v.learningRate
                        + ") or v.style weight (now " + v.weights.style() + ")");
    }

    private BufferedImage preview(Backend backend, NetworkSpec network) {
        if (v.validation == null) {
            throw new IllegalStateException("no v.validation photo was given");
        }
        try (FastStylizer stylizer = FastStylizer.compiled(backend, network)) {
            return stylizer.stylize(Images.resizeLongSide(Images.read(v.validation), v.size));
        }
    }

    /** Configures a {@link StyleTrainer}. */
    public static final class Builder extends RunBuilder<Builder> {
        private Plan v;

        private Builder(RunSettings settings, Plan plan) {
            settings(settings);
            this.v = plan;
        }

        /** The painting. */
        public Builder style(Path file) {
            Objects.requireNonNull(file, "file");
            v = v.with(p -> p.style = file);
            return this;
        }

        /** A folder of photos, searched recursively for JPEG and PNG files. */
        public Builder dataset(Path folder) {
            Objects.requireNonNull(folder, "folder");
            v = v.with(p -> p.dataset = folder);
            return this;
        }

        /** The model directory to write (its {@code checkpoint} subfolder holds the checkpoint). */
        public Builder output(Path dir) {
            Objects.requireNonNull(dir, "dir");
            v = v.with(p -> p.output = dir);
            return this;
        }

        /** A photo rendered by {@link TrainingProgress#preview()}. */
        public Builder validation(Path photo) {
            v = v.with(p -> p.validation = photo);
            return this;
        }

        /** Side of the square training crops (default 256). */
        public Builder size(int pixels) {
            if (pixels < 16 || pixels > 1024) {
                throw new IllegalArgumentException("size must be between 16 and 1024 pixels, got " + pixels);
            }
            v = v.with(p -> p.size = pixels);
            return this;
        }

        /** Photos per step (default 4). */
        public Builder batch(int photos) {
            if (photos < 1) {
                throw new IllegalArgumentException("batch must be at least 1 photo, got " + photos);
            }
            v = v.with(p -> p.batch = photos);
            return this;
        }

        /** Training steps in all, a resumed run included (default 2000). */
        public Builder iterations(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + steps);
            }
            v = v.with(p -> p.iterations = steps);
            return this;
        }

        /** Train for whole passes over the photos instead of a number of steps (0: use iterations). */
        public Builder epochs(int passes) {
            if (passes < 0) {
                throw new IllegalArgumentException("epochs must be at least 0, got " + passes);
            }
            v = v.with(p -> p.epochs = passes);
            return this;
        }

        /** Adam's step size (default 0.001). */
        public Builder learningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + rate);
            }
            v = v.with(p -> p.learningRate = rate);
            return this;
        }

        /**
         * Loss weights (default content 1, style 30, TV 0.001); the style weight sets how strongly
         * the model stylizes.
         */
        public Builder weights(LossWeights weights) {
            Objects.requireNonNull(weights, "weights");
            v = v.with(p -> p.weights = weights);
            return this;
        }

        /** The feature network of the perceptual loss (default: {@link FeatureNetwork#defaultNetwork()}). */
        public Builder features(FeatureNetwork network) {
            Objects.requireNonNull(network, "network");
            v = v.with(p -> p.features = network);
            return this;
        }

        /** The transfer network's width (default full; slim is about a quarter of the work). */
        public Builder width(Width width) {
            Objects.requireNonNull(width, "width");
            v = v.with(p -> p.width = width);
            return this;
        }

        /** Write a checkpoint every {@code steps} steps (0: only at the end). */
        public Builder checkpointEvery(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("the checkpoint interval must be at least 0, got " + steps);
            }
            v = v.with(p -> p.checkpointEvery = steps);
            return this;
        }

        /** Continue from the output directory's checkpoint, if there is one. */
        public Builder resume(boolean resume) {
            v = v.with(p -> p.resume = resume);
            return this;
        }

        /** Seed of the initial weights and of the photos' order and crops (default 0). */
        public Builder seed(long seed) {
            v = v.with(p -> p.seed = seed);
            return this;
        }

        /**
         * Told of the progress every {@link #progressEvery(int)} steps, on the training thread
         * (default: nobody); {@code null} removes it.
         */
        public Builder listener(Consumer<TrainingProgress> listener) {
            v = v.with(p -> p.listener = listener);
            return this;
        }

        /** Report progress every {@code steps} steps (default 10). */
        public Builder progressEvery(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("progress interval must be at least 1, got " + steps);
            }
            v = v.with(p -> p.progressEvery = steps);
            return this;
        }

        /**
         * The trainer; the builder can be changed and reused afterwards without affecting it.
         *
         * @throws IllegalArgumentException naming the input that is missing
         */
        public StyleTrainer build() {
            if (v.style == null || v.dataset == null || v.output == null) {
                throw new IllegalArgumentException(
                        "a style image, a dataset folder and an output directory are required");
            }
            if (Files.exists(v.output) && !Files.isDirectory(v.output)) {
                throw new IllegalArgumentException("v.output " + v.output + " is a file; a model needs a directory");
            }
            if (!Files.isRegularFile(v.style)) {
                throw new IllegalArgumentException(
                        "v.style " + v.style + (Files.exists(v.style) ? " is not a regular file" : ": no such file"));
            }
            if (!Files.isDirectory(v.dataset)) {
                throw new IllegalArgumentException("v.dataset " + v.dataset + " is not a folder");
            }
            return new StyleTrainer(runSettings(), v);
        }
    }

    /**
     * The settings of a training, one value that is never changed once made: a builder replaces
     * it with {@link #with}, so a trainer and the builders derived from it can share it.
     */
    private static final class Plan implements Cloneable {
        Path style;
        Path dataset;
        Path output;
        Path validation;
        int size = 256;
        int batch = 4;
        int iterations = 2000;
        int epochs;
        double learningRate = 1e-3;
        LossWeights weights = LossWeights.DEFAULT;
        FeatureNetwork features;
        Width width = Width.FULL;
        int checkpointEvery;
        boolean resume;
        long seed;
        Consumer<TrainingProgress> listener;
        int progressEvery = 10;

        /** A new plan: a copy of this one with {@code change} made to it. */
        Plan with(java.util.function.Consumer<Plan> change) {
            try {
                Plan copy = (Plan) clone();
                change.accept(copy);
                return copy;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
