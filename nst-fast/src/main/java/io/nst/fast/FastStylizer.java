package io.nst.fast;

import io.nst.FastOptions;
import io.nst.Method;
import io.nst.OnePassBuilder;
import io.nst.Precision;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import io.nst.fast.internal.OnePass;
import io.nst.fast.internal.TransferModels;
import io.nst.net.NetworkSpec;
import io.nst.net.Parameters;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Calibration;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

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
public final class FastStylizer extends NativeStylizer {

    /** The pretrained styles, by name: {@code wave}, {@code udnie}, ... */
    public static final List<String> PRETRAINED = TransferModels.PRETRAINED;

    private final RunSettings settings;
    private final FastOptions options;
    /**
     * The network compiled for its backend, and how to compile a part of it (for tiles) alike:
     * what a stylizer is built around.
     */
    private record Loaded(
            Backend backend,
            boolean gpu,
            NetworkSpec spec,
            CompiledNetwork network,
            Function<NetworkSpec, CompiledNetwork> partCompiler) {

        /** A network compiled at 32-bit floats. */
        static Loaded fp32(Backend backend, boolean gpu, NetworkSpec spec) {
            return new Loaded(backend, gpu, spec, backend.compile(spec, gpu), part -> backend.compile(part, gpu));
        }

        /** A network compiled with brain-float convolutions. */
        static Loaded bf16(Backend backend, boolean gpu, NetworkSpec spec) {
            return new Loaded(
                    backend, gpu, spec, backend.compileBf16(spec, gpu), part -> backend.compileBf16(part, gpu));
        }

        /** A network compiled with integer convolutions, calibrated (once, cached) first. */
        static Loaded int8(RunSettings settings, Backend backend, boolean gpu, NetworkSpec spec) {
            Calibration calibration =
                    Int8Calibrations.of(backend, spec, settings.repository(), OnePass.TRANSFER_PIXEL_SCALE);
            return new Loaded(
                    backend,
                    gpu,
                    spec,
                    backend.compileInt8(spec, calibration, gpu),
                    part -> backend.compileInt8(part, calibration, gpu));
        }

        static Loaded of(RunSettings settings, FastOptions options) {
            Path saved = Path.of(options.model());
            Backend loader = Backends.available().stream()
                    .filter(x ->
                            (settings.backend() == null || x.name().equals(settings.backend())) && x.canLoad(saved))
                    .min(Comparator.comparingInt(x -> x.priority(Capability.FAST_INFERENCE)))
                    .orElse(null);
            try {
                if (loader != null) {
                    // An engine's own saved model (an .onnx file, a SavedModel directory): run as it is.
                    if (options.precision() != Precision.FP32) {
                        throw new StyleTransferException(
                                Kind.BAD_INPUT,
                                "model " + options.model() + ": " + options.precision()
                                        + " needs a network description (a pretrained style or a model"
                                        + " directory); an engine's saved model runs as it is, in its own precision");
                    }
                    boolean gpu = loader.useGpu(settings.device());
                    return new Loaded(loader, gpu, null, loader.load(saved, gpu), null);
                }
                Backend backend = Backends.select(
                        settings.backend(),
                        switch (options.precision()) {
                            case FP32 -> Capability.FAST_INFERENCE;
                            case BF16 -> Capability.BF16_INFERENCE;
                            case INT8 -> Capability.INT8_INFERENCE;
                        });
                EngineStart engine = EngineStart.begin(backend);
                NetworkSpec spec = TransferModels.load(options.model(), settings.repository());
                engine.await();
                boolean gpu = backend.useGpu(settings.device());
                return switch (options.precision()) {
                    case FP32 -> fp32(backend, gpu, spec);
                    case BF16 -> bf16(backend, gpu, spec);
                    case INT8 -> int8(settings, backend, gpu, spec);
                };
            } catch (IOException e) {
                throw new StyleTransferException(Kind.NOT_FOUND, "model " + options.model() + ": " + e.getMessage(), e);
            }
        }
    }

    private FastStylizer(RunSettings settings, FastOptions options, Loaded loaded) {
        super(
                loaded.backend(),
                loaded.gpu(),
                loaded.network(),
                loaded.spec(),
                OnePass.TRANSFER_PIXEL_SCALE,
                options.maxTile(),
                loaded.partCompiler(),
                "FastStylizer[" + options.model() + " on " + loaded.backend().name() + "]",
                loaded.network()::close);
        this.settings = settings;
        this.options = options;
    }

    /** A builder; {@link Builder#model(String)} is required. */
    public static Builder builder() {
        return new Builder(RunSettings.defaults(), FastOptions.defaults());
    }

    /** A builder holding this stylizer's settings, to build a variant (which loads its own network). */
    public Builder toBuilder() {
        return new Builder(settings, options);
    }

    @Override
    NativeStylizer rebuilt() {
        return toBuilder().build();
    }

    /** A stylizer for a network in memory (a model being trained), on the CPU. */
    static FastStylizer compiled(Backend backend, NetworkSpec network) {
        return new FastStylizer(
                RunSettings.defaults(), FastOptions.of(network.name()), Loaded.fp32(backend, false, network));
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
        return stylize(photo, null);
    }

    @Override
    BufferedImage stylize(BufferedImage photo, ClipNorms clip) {
        BufferedImage sized = OnePass.sized(photo, options.size(), Method.FAST);
        return pass(sized, new float[0], clip);
    }

    /**
     * The bytes of the network's weights as 32-bit floats: the memory it keeps while loaded, what a
     * server counts when it keeps several (an image's activations come and go with each call). For
     * an engine's own saved model, whose weights the SDK does not see, the size of its file.
     */
    public long weightBytes() {
        if (transferSpec != null) {
            return 4L
                    * Parameters.of(transferSpec).stream()
                            .mapToLong(w -> w.length)
                            .sum();
        }
        try (var files = java.nio.file.Files.walk(Path.of(options.model()))) {
            return files.filter(java.nio.file.Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The settings this stylizer was built with. */
    public FastOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "FastStylizer[" + options.model() + " on " + backend.name() + "]";
    }

    /** Configures a {@link FastStylizer}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder extends OnePassBuilder<Builder, FastOptions> {

        private Builder(RunSettings settings, FastOptions options) {
            super(options);
            settings(settings);
        }

        /**
         * A pretrained style ({@link #PRETRAINED}), a model directory, or a saved model of an
         * engine on the class path: an {@code .onnx} file (ONNX Runtime) or a SavedModel directory
         * (TensorFlow). Saved models must take RGB {@code [1, 3, H, W]} in {@code 0..255} and give
         * RGB of at least that size in {@code 0..255}, as {@code ./nst export} writes them.
         *
         * @throws IllegalArgumentException if {@code nameOrDirectory} is blank
         * @throws NullPointerException if it is null
         */
        public Builder model(String nameOrDirectory) {
            return change(o -> o.withModel(nameOrDirectory));
        }

        /**
         * The precision the network runs at (default {@link Precision#FP32}); see {@link
         * FastOptions#withPrecision(Precision)}. The first {@link #build()} of a network at
         * {@link Precision#INT8} calibrates it (a few seconds; cached in the model cache).
         *
         * @throws NullPointerException if {@code precision} is null
         */
        public Builder precision(Precision precision) {
            return change(o -> o.withPrecision(precision));
        }

        /**
         * Loads and compiles the network; the builder can be changed and reused afterwards.
         *
         * @throws IllegalArgumentException if no model was given
         * @throws StyleTransferException if the model cannot be had ({@code NOT_FOUND}) or loaded,
         *     or the precision cannot be run: by no backend on the class path or the one named
         *     ({@code NOT_FOUND}), or on an engine's saved model ({@code BAD_INPUT})
         */
        public FastStylizer build() {
            if (options().model() == null) {
                throw new IllegalArgumentException("a model (style name or directory) is required");
            }
            return new FastStylizer(runSettings(), options(), Loaded.of(runSettings(), options()));
        }
    }
}
