package io.nst.fast;

import static io.nst.Limits.requireArgument;

import io.nst.FeatureNetwork;
import io.nst.Limits;
import io.nst.LossWeights;
import io.nst.RunBuilder;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.internal.EnumNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

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

    private final RunSettings runSettings;
    /** The settings as given, never changed; shared with the builders derived from this trainer. */
    private final TrainingPlan plan;

    private final FeatureNetwork featureNetwork;

    private StyleTrainer(RunSettings runSettings, TrainingPlan plan) {
        this.runSettings = runSettings;
        this.plan = plan;
        this.featureNetwork = plan.features != null ? plan.features : FeatureNetwork.defaultNetwork();
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder(RunSettings.defaults(), TrainingPlan.DEFAULTS);
    }

    /** A builder holding this trainer's settings, to vary some of them (another output, more steps, resume). */
    public Builder toBuilder() {
        return new Builder(runSettings, plan);
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
            return EnumNames.parse(Width.class, text, "width");
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

    /**
     * Runs the training; the model directory is written whole at the end (and the checkpoint on
     * the way).
     *
     * @throws StyleTransferException of kind {@code CANCELLED} when the thread is interrupted
     *     (between steps; the last checkpoint is kept), {@code NOT_FOUND} for a missing feature
     *     network or backend, {@code ENGINE} when the training diverges, {@code IO} when the model
     *     cannot be written
     */
    public Result train() {
        return new TrainingLoop(runSettings, plan, featureNetwork).run();
    }

    /**
     * Configures a {@link StyleTrainer}; each setter checks its value at once, naming it. Not
     * thread-safe.
     */
    public static final class Builder extends RunBuilder<Builder> {
        private TrainingPlan plan;

        private Builder(RunSettings settings, TrainingPlan plan) {
            settings(settings);
            this.plan = plan;
        }

        /** The painting (required). */
        public Builder style(Path file) {
            Objects.requireNonNull(file, "file");
            return change(p -> p.style = file);
        }

        /** A folder of photos, searched recursively for JPEG and PNG files (required). */
        public Builder dataset(Path folder) {
            Objects.requireNonNull(folder, "folder");
            return change(p -> p.dataset = folder);
        }

        /** The model directory to write (required); its checkpoint is kept there too. */
        public Builder output(Path dir) {
            Objects.requireNonNull(dir, "dir");
            return change(p -> p.output = dir);
        }

        /** A photo rendered by {@link TrainingProgress#preview()}; {@code null} for none. */
        public Builder validation(Path photo) {
            return change(p -> p.validation = photo);
        }

        /**
         * Side of the square training crops, {@value Limits#MIN_SIZE} to 1024 (default 256).
         *
         * @throws IllegalArgumentException naming the value otherwise
         */
        public Builder size(int pixels) {
            requireArgument(
                    pixels >= Limits.MIN_SIZE && pixels <= 1024,
                    "training size must be between %d and 1024 pixels, got %d",
                    Limits.MIN_SIZE,
                    pixels);
            return change(p -> p.size = pixels);
        }

        /**
         * Photos per step (default 4).
         *
         * @throws IllegalArgumentException if {@code photos} is below 1
         */
        public Builder batch(int photos) {
            requireArgument(photos >= 1, "batch must be at least 1 photo, got %d", photos);
            return change(p -> p.batch = photos);
        }

        /**
         * Training steps in all, a resumed run's included (default 2000).
         *
         * @throws IllegalArgumentException if {@code steps} is below 1
         */
        public Builder iterations(int steps) {
            requireArgument(steps >= 1, "iterations must be at least 1, got %d", steps);
            return change(p -> p.iterations = steps);
        }

        /**
         * Train for whole passes over the photos instead of a number of steps (0: use the iterations).
         *
         * @throws IllegalArgumentException if {@code passes} is negative
         */
        public Builder epochs(int passes) {
            requireArgument(passes >= 0, "epochs must be at least 0, got %d", passes);
            return change(p -> p.epochs = passes);
        }

        /**
         * Adam's step size (default 0.001).
         *
         * @throws IllegalArgumentException unless {@code rate} is positive and finite
         */
        public Builder learningRate(double rate) {
            requireArgument(rate > 0 && !Double.isInfinite(rate), "learning rate must be positive, got %s", rate);
            return change(p -> p.learningRate = rate);
        }

        /**
         * Loss weights (default {@link LossWeights#DEFAULT}); the style weight sets how strongly the
         * model stylizes.
         */
        public Builder weights(LossWeights weights) {
            Objects.requireNonNull(weights, "weights");
            return change(p -> p.weights = weights);
        }

        /** The feature network of the perceptual loss (default: {@link FeatureNetwork#defaultNetwork()}). */
        public Builder features(FeatureNetwork network) {
            Objects.requireNonNull(network, "network");
            return change(p -> p.features = network);
        }

        /** The transfer network's width (default full; slim is about a quarter of the work). */
        public Builder width(Width width) {
            Objects.requireNonNull(width, "width");
            return change(p -> p.width = width);
        }

        /**
         * Write a checkpoint every {@code steps} steps (0, the default: only at the end).
         *
         * @throws IllegalArgumentException if {@code steps} is negative
         */
        public Builder checkpointEvery(int steps) {
            requireArgument(steps >= 0, "the checkpoint interval must be at least 0, got %d", steps);
            return change(p -> p.checkpointEvery = steps);
        }

        /** Continue from the output directory's checkpoint, if there is one with the same settings. */
        public Builder resume(boolean resume) {
            return change(p -> p.resume = resume);
        }

        /** Seed of the initial weights and of the photos' order and crops (default 0). */
        public Builder seed(long seed) {
            return change(p -> p.seed = seed);
        }

        /**
         * Told of the progress every {@link #progressEvery(int)} steps, on the training thread
         * (default: nobody); {@code null} removes it.
         */
        public Builder listener(Consumer<TrainingProgress> listener) {
            return change(p -> p.listener = listener);
        }

        /**
         * Report progress every {@code steps} steps (default 10).
         *
         * @throws IllegalArgumentException if {@code steps} is below 1
         */
        public Builder progressEvery(int steps) {
            requireArgument(steps >= 1, "progress interval must be at least 1, got %d", steps);
            return change(p -> p.progressEvery = steps);
        }

        /**
         * The trainer; the builder can be changed and reused afterwards without affecting it. The
         * default feature network is found here.
         *
         * @throws IllegalArgumentException naming the input that is missing or is not what it must be
         * @throws StyleTransferException of kind {@code NOT_FOUND} when the default feature network
         *     is needed and none is on the class path
         */
        public StyleTrainer build() {
            requireArgument(
                    plan.style != null && plan.dataset != null && plan.output != null,
                    "a style image, a dataset folder and an output directory are required");
            requireArgument(
                    !Files.exists(plan.output) || Files.isDirectory(plan.output),
                    "output %s is a file; a model needs a directory",
                    plan.output);
            requireArgument(
                    Files.isRegularFile(plan.style),
                    "style %s%s",
                    plan.style,
                    Files.exists(plan.style) ? " is not a regular file" : ": no such file");
            requireArgument(Files.isDirectory(plan.dataset), "dataset %s is not a folder", plan.dataset);
            return new StyleTrainer(runSettings(), plan);
        }

        private Builder change(Consumer<TrainingPlan> change) {
            plan = plan.with(change);
            return this;
        }
    }
}
