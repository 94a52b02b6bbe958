package io.nst.fast;

import io.nst.Device;
import io.nst.Images;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * A transfer network loaded once and compiled for a backend, for stylizing many images:
 *
 * <pre>{@code
 * try (FastStylizer wave = FastStylizer.builder().model("wave").build()) {
 *     for (Path photo : photos) {
 *         Images.write(wave.stylize(Images.read(photo)), out.resolve(photo.getFileName()));
 *     }
 * }
 * }</pre>
 *
 * Holds native memory until closed. Not thread-safe: use one per thread.
 */
public final class FastStylizer implements AutoCloseable {

    /** Largest padded side stylized in one piece by default: keeps a 4096x4096 image under 2 GB. */
    public static final int DEFAULT_MAX_TILE = 1024;

    private final Backend backend;
    private final boolean gpu;
    private final NetworkSpec spec;
    private final CompiledNetwork network;
    private final int maxTile;

    private FastStylizer(Builder b) {
        this.maxTile = b.maxTile;
        RunSettings settings = b.run.build();
        Path saved = Path.of(b.model);
        Backend loader = Backends.available().stream()
                .filter(x -> (settings.backend() == null || x.name().equals(settings.backend())) && x.canLoad(saved))
                .min(Comparator.comparingInt(x -> x.priority(Capability.FAST_INFERENCE)))
                .orElse(null);
        try {
            if (loader != null) {
                // An engine's own saved model (an .onnx file, a SavedModel directory): run as it is.
                this.backend = loader;
                this.gpu = backend.useGpu(settings.device());
                this.spec = null;
                this.network = backend.load(saved, gpu);
            } else {
                this.backend = Backends.select(settings.backend(), Capability.FAST_INFERENCE);
                this.gpu = backend.useGpu(settings.device());
                this.spec = TransferModels.load(b.model, settings.repository());
                this.network = backend.compile(spec, gpu);
            }
        } catch (IOException e) {
            throw new StyleTransferException("model " + b.model + ": " + e.getMessage(), e);
        }
    }

    private FastStylizer(Backend backend, NetworkSpec spec) {
        this.backend = backend;
        this.gpu = false;
        this.spec = spec;
        this.maxTile = DEFAULT_MAX_TILE;
        this.network = backend.compile(spec, false);
    }

    /** A builder; {@link Builder#model(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A stylizer for a network in memory (a model being trained), on the CPU. */
    static FastStylizer compiled(Backend backend, NetworkSpec network) {
        return new FastStylizer(backend, network);
    }

    /** The image repainted in the model's style, at its own size (at least 4x4). */
    public BufferedImage stylize(BufferedImage image) {
        if (image.getWidth() < 4 || image.getHeight() < 4) {
            throw new StyleTransferException(
                    image.getWidth() + "x" + image.getHeight() + " is too small for the fast method (at least 4x4)");
        }
        return Images.toImage(stylize(Images.toTensor(image)));
    }

    /**
     * RGB in {@code [0, 1]} to RGB in {@code [0, 1]}. The network halves the size twice and
     * doubles it twice, so the input is padded to a multiple of 4 by repeating its last row and
     * column, and the output cropped back.
     */
    FloatTensor stylize(FloatTensor image) {
        FloatTensor paddedImage = padToMultipleOf4(image, 255f);
        // Saved models of other engines are opaque, so only network descriptions can be tiled.
        FloatTensor out = Math.max(paddedImage.height(), paddedImage.width()) <= maxTile || spec == null
                ? network.apply(paddedImage)
                : new TiledInference(backend, gpu, spec, maxTile).run(paddedImage);
        return crop(out, paddedImage, image.height(), image.width(), 255f);
    }

    /**
     * {@code image} times {@code scale}, padded to sides that are multiples of 4 by repeating its
     * last row and column: the transfer networks halve the size twice and double it twice.
     */
    static FloatTensor padToMultipleOf4(FloatTensor image, float scale) {
        int h = image.height();
        int w = image.width();
        int ph = (h + 3) / 4 * 4;
        int pw = (w + 3) / 4 * 4;
        float[] padded = new float[3 * ph * pw];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, h - 1);
                for (int x = 0; x < pw; x++) {
                    padded[(c * ph + y) * pw + x] = scale * image.data()[(c * h + sy) * w + Math.min(x, w - 1)];
                }
            }
        }
        return new FloatTensor(3, ph, pw, padded);
    }

    /** The top-left {@code h x w} of a network's output for {@code padded}, divided by {@code divisor}. */
    static FloatTensor crop(FloatTensor out, FloatTensor padded, int h, int w, float divisor) {
        if (out.channels() != 3 || out.height() < h || out.width() < w) {
            throw new StyleTransferException("the model turned a 3x" + padded.height() + "x" + padded.width()
                    + " image into " + out.channels() + "x" + out.height() + "x" + out.width()
                    + "; a style network keeps RGB and the size");
        }
        int oh = out.height();
        int ow = out.width();
        float[] cropped = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    cropped[(c * h + y) * w + x] = out.data()[(c * oh + y) * ow + x] / divisor;
                }
            }
        }
        return new FloatTensor(3, h, w, cropped);
    }

    /** The backend's name. */
    public String backend() {
        return backend.name();
    }

    /** {@code cpu} or {@code gpu}. */
    public String device() {
        return gpu ? "gpu" : "cpu";
    }

    @Override
    public void close() {
        network.close();
    }

    /** Configures a {@link FastStylizer}. */
    public static final class Builder {
        private String model;
        private RunSettings.Builder run = RunSettings.builder();
        private int maxTile = DEFAULT_MAX_TILE;

        private Builder() {}

        /**
         * Images whose (padded) longer side exceeds this are stylized in overlapping tiles of at
         * most this side, with instance-norm statistics from the whole image (default
         * {@value #DEFAULT_MAX_TILE}; at least 132). Tiling bounds memory and costs time: about
         * ten network passes instead of one.
         *
         * @throws IllegalArgumentException if {@code pixels} is below 132
         */
        public Builder maxTile(int pixels) {
            this.maxTile = TiledInference.checkMaxTile(pixels);
            return this;
        }

        /**
         * A pretrained style ({@link TransferModels#PRETRAINED}), a model directory, or a saved
         * model of an engine on the class path: an {@code .onnx} file (ONNX Runtime) or a
         * SavedModel directory (TensorFlow). Saved models must take RGB {@code [1, 3, H, W]} in
         * {@code 0..255} and give RGB of at least that size in {@code 0..255}, as
         * {@code ./nst export} writes them.
         */
        public Builder model(String nameOrDirectory) {
            this.model = Objects.requireNonNull(nameOrDirectory, "nameOrDirectory");
            return this;
        }

        /** Backend, device and repository at once; see {@link RunSettings}. */
        public Builder settings(RunSettings settings) {
            this.run = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /** See {@link RunSettings.Builder#backend(String)}. */
        public Builder backend(String name) {
            run.backend(name);
            return this;
        }

        /** See {@link RunSettings.Builder#device(Device)}. */
        public Builder device(Device device) {
            run.device(device);
            return this;
        }

        /** See {@link RunSettings.Builder#repository(ModelRepository)}. */
        public Builder repository(ModelRepository repository) {
            run.repository(repository);
            return this;
        }

        /**
         * Loads and compiles the network; the builder can be changed and reused afterwards.
         *
         * @throws IllegalArgumentException if no model was given
         * @throws StyleTransferException if the model cannot be loaded or compiled
         */
        public FastStylizer build() {
            if (model == null) {
                throw new IllegalArgumentException("a model (style name or directory) is required");
            }
            return new FastStylizer(this);
        }
    }
}
