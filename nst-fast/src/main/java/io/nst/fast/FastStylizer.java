package io.nst.fast;

import io.nst.FastOptions;
import io.nst.Method;
import io.nst.RunBuilder;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import io.nst.fast.internal.TransferModels;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A trained transfer network loaded once and compiled for a backend, for stylizing many photos:
 *
 * <pre>{@code
 * try (FastStylizer wave = FastStylizer.builder().model("wave").build()) {
 *     for (Path photo : photos) {
 *         Images.write(wave.stylize(Images.read(photo)), out.resolve(photo.getFileName()));
 *     }
 * }
 * }</pre>
 *
 * Holds native memory until closed. Thread-safe, with the lifecycle of every {@link Stylizer}:
 * calls from several threads run one after another, and {@link #close()} from any thread waits for
 * the call in flight.
 */
public final class FastStylizer implements Stylizer {

    /** Largest padded side stylized in one piece by default: keeps a 4096x4096 image under 2 GB. */
    public static final int DEFAULT_MAX_TILE = FastOptions.DEFAULT_MAX_TILE;

    /** The pretrained styles, by name: {@code wave}, {@code udnie}, ... */
    public static final List<String> PRETRAINED = TransferModels.PRETRAINED;

    private final RunSettings settings;
    private final FastOptions options;
    private final Backend backend;
    private final boolean gpu;
    /** The network description, or null for an engine's own saved model (which cannot be tiled). */
    private final NetworkSpec spec;

    private final CompiledNetwork network;
    private final CallGuard guard;

    private FastStylizer(RunSettings settings, FastOptions options) {
        this.settings = settings;
        this.options = options;
        Path saved = Path.of(options.model());
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
                this.spec = TransferModels.load(options.model(), settings.repository());
                this.network = backend.compile(spec, gpu);
            }
        } catch (IOException e) {
            throw new StyleTransferException(Kind.NOT_FOUND, "model " + options.model() + ": " + e.getMessage(), e);
        }
        this.guard = new CallGuard(this.toString(), network::close);
    }

    private FastStylizer(Backend backend, NetworkSpec spec) {
        this.settings = RunSettings.defaults();
        this.options = FastOptions.of(spec.name());
        this.backend = backend;
        this.gpu = false;
        this.spec = spec;
        this.network = backend.compile(spec, false);
        this.guard = new CallGuard(this.toString(), network::close);
    }

    /** A builder; {@link Builder#model(String)} is required. */
    public static Builder builder() {
        return new Builder(RunSettings.defaults(), FastOptions.defaults());
    }

    /** A builder holding this stylizer's settings, to build a variant (which loads its own network). */
    public Builder toBuilder() {
        return new Builder(settings, options);
    }

    /** A stylizer for a network in memory (a model being trained), on the CPU. */
    static FastStylizer compiled(Backend backend, NetworkSpec network) {
        return new FastStylizer(backend, network);
    }

    /**
     * {@code photo} repainted in the model's style, at the builder's size or its own (at least 4x4).
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} for a smaller image, {@code
     *     CANCELLED} when the thread is interrupted (between tiles), {@code CLOSED} after {@link
     *     #close()}, {@code ENGINE} when the engine fails
     * @throws NullPointerException if {@code photo} is null
     */
    @Override
    public BufferedImage stylize(BufferedImage photo) {
        FloatTensor image = ImageTensors.toTensor(OnePass.sized(photo, options.size(), Method.FAST));
        return ImageTensors.toImage(stylize(image));
    }

    /**
     * RGB in {@code [0, 1]} to RGB in {@code [0, 1]}. The network halves the size twice and
     * doubles it twice, so the input is padded to a multiple of 4 by repeating its last row and
     * column, and the output cropped back.
     */
    FloatTensor stylize(FloatTensor image) {
        FloatTensor padded = OnePass.padToMultipleOf4(image, 255f);
        // Saved models of other engines are opaque, so only network descriptions can be tiled.
        FloatTensor out =
                guard.call(() -> Math.max(padded.height(), padded.width()) <= options.maxTile() || spec == null
                        ? network.apply(padded)
                        : new TiledInference(backend, gpu, spec, options.maxTile()).run(padded, guard::checkpoint));
        return OnePass.crop(out, padded, image.height(), image.width(), 255f);
    }

    /** The settings this stylizer was built with. */
    public FastOptions options() {
        return options;
    }

    @Override
    public String backend() {
        return backend.name();
    }

    @Override
    public String device() {
        return gpu ? "gpu" : "cpu";
    }

    /**
     * Frees the network once the call in flight, if any, has ended; calls after it fail with
     * kind {@code CLOSED}. A second call does nothing.
     */
    @Override
    public void close() {
        guard.close();
    }

    @Override
    public String toString() {
        return "FastStylizer[" + options.model() + " on " + backend.name() + "]";
    }

    /** Configures a {@link FastStylizer}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder extends RunBuilder<Builder> {
        private FastOptions options;

        private Builder(RunSettings settings, FastOptions options) {
            settings(settings);
            this.options = options;
        }

        /**
         * A pretrained style ({@link #PRETRAINED}), a model directory, or a saved
         * model of an engine on the class path: an {@code .onnx} file (ONNX Runtime) or a
         * SavedModel directory (TensorFlow). Saved models must take RGB {@code [1, 3, H, W]} in
         * {@code 0..255} and give RGB of at least that size in {@code 0..255}, as
         * {@code ./nst export} writes them.
         *
         * @throws IllegalArgumentException if {@code nameOrDirectory} is blank
         * @throws NullPointerException if it is null
         */
        public Builder model(String nameOrDirectory) {
            options = options.withModel(nameOrDirectory);
            return this;
        }

        /**
         * Photos scaled to this long side before stylizing (default: each photo's own size); see
         * {@link FastOptions#withSize(int)}.
         *
         * @throws IllegalArgumentException naming the value unless it is from 16 to 4096
         */
        public Builder size(int pixels) {
            options = options.withSize(pixels);
            return this;
        }

        /**
         * Images whose (padded) longer side exceeds this are stylized in overlapping tiles of at
         * most this side, with instance-norm statistics from the whole image (default
         * {@value #DEFAULT_MAX_TILE}; at least 132). Tiling bounds memory and costs time.
         *
         * @throws IllegalArgumentException if {@code pixels} is below 132
         */
        public Builder maxTile(int pixels) {
            options = options.withMaxTile(pixels);
            return this;
        }

        /**
         * The fast method's settings whole: model, size and largest tile.
         *
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(FastOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Loads and compiles the network; the builder can be changed and reused afterwards.
         *
         * @throws IllegalArgumentException if no model was given
         * @throws StyleTransferException if the model cannot be had ({@code NOT_FOUND}) or loaded
         */
        public FastStylizer build() {
            if (options.model() == null) {
                throw new IllegalArgumentException("a model (style name or directory) is required");
            }
            return new FastStylizer(runSettings(), options);
        }
    }
}
