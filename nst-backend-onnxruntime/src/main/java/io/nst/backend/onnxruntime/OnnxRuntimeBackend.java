package io.nst.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.AtomicFiles;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.Calibration;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import io.nst.spi.EngineThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The ONNX Runtime backend: inference only. Networks are compiled to ONNX graphs by
 * {@link OnnxExporter} (also the SDK's ONNX export) and run by ONNX Runtime's CPU provider, which
 * is the fastest engine for the transfer network on CPUs, so the fast method prefers it.
 * It also runs them with 8-bit integer convolutions, calibrated ({@link #calibrate}) on photos.
 * It cannot differentiate, so Gatys and training need another backend.
 */
public final class OnnxRuntimeBackend implements Backend {

    private static final Identity IDENTITY = new Identity(
            "onnxruntime",
            "io.nst:nst-backend-onnxruntime",
            EnumSet.of(Capability.FAST_INFERENCE, Capability.INT8_INFERENCE),
            5);

    @Override
    public Identity identity() {
        return IDENTITY;
    }

    @Override
    public void startEngine() {
        environment();
    }

    /**
     * ONNX Runtime's environment, one per process. DJL's engine, which a DJL user's own models or
     * the SDK's DJL model zoo start, creates it with thread options, which ONNX Runtime refuses once
     * an environment exists: so DJL's engine makes it first, and this backend shares it.
     */
    static OrtEnvironment environment() {
        return SharedEnvironment.ENVIRONMENT;
    }

    private static final class SharedEnvironment {
        static final OrtEnvironment ENVIRONMENT = create();

        private static OrtEnvironment create() {
            OrtNatives.useCachedCopy();
            try {
                ai.djl.engine.Engine.getEngine("OnnxRuntime");
            } catch (RuntimeException | LinkageError e) {
                // Without DJL's engine nothing else creates the environment; this backend makes its own.
            }
            return OrtEnvironment.getEnvironment();
        }
    }

    /** Each session has a pool of its own ({@link #options}); its results do not depend on its size. */
    @Override
    public boolean threadsPerNetwork() {
        return true;
    }

    @Override
    public boolean gpuAvailable() {
        // The environment first: asking for the providers loads the natives, which would otherwise
        // be extracted anew into a temporary folder (a tenth of a second) instead of the kept copy.
        environment();
        return OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
    }

    @Override
    public String gpuHint() {
        return "put com.microsoft.onnxruntime:onnxruntime_gpu on the class path instead of onnxruntime";
    }

    @Override
    public CompiledNetwork compile(NetworkSpec network, boolean gpu) {
        return new OrtNetwork(OnnxExporter.export(network), network.name(), network.inputChannels(), gpu);
    }

    /**
     * Runs the network's probe on the photos: each convolution's input and, where an instance norm
     * follows, its output, per channel.
     */
    @Override
    public Calibration calibrate(NetworkSpec network, List<FloatTensor> photos) {
        return Int8Calibration.of(network, photos);
    }

    /** See {@link OnnxExporter#quantized} for what runs in int8. */
    @Override
    public CompiledNetwork compileInt8(NetworkSpec network, Calibration calibration, boolean gpu) {
        return new OrtNetwork(
                OnnxExporter.quantized(network, calibration), network.name() + " (int8)", network.inputChannels(), gpu);
    }

    @Override
    public Optional<String> exportFormat() {
        return Optional.of("onnx");
    }

    @Override
    public void export(NetworkSpec network, Path target) throws IOException {
        byte[] model = OnnxExporter.export(network);
        AtomicFiles.write(target, part -> Files.write(part, model));
    }

    @Override
    public boolean canLoad(Path path) {
        return path.getFileName() != null
                && path.getFileName()
                        .toString()
                        .toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".onnx");
    }

    /** Runs an {@code .onnx} file, exported or third-party; see {@link OrtNetwork} for its conventions. */
    @Override
    public CompiledNetwork load(Path onnxFile, boolean gpu) throws IOException {
        if (!Files.isRegularFile(onnxFile)) {
            throw new IOException(onnxFile + ": no such file");
        }
        return new OrtNetwork(Files.readAllBytes(onnxFile), onnxFile.toString(), 3, gpu);
    }

    /**
     * Every session's settings. Its threads do not spin after a run: each session has a pool of
     * its own, and a pool that spins waiting for work takes the cores from the next session's run
     * (the arbitrary method's predictor and transformer, a server's several models, a tiled photo's
     * parts) and from the Java work between runs. Measured: the arbitrary transformer at 256 px
     * alternating with another session 42.5 ms spinning, 24.3 ms not; one session alone the same.
     */
    static OrtSession.SessionOptions options(boolean gpu) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(EngineThreads.forNetwork());
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (gpu) {
                options.addCUDA();
            }
            return options;
        } catch (OrtException e) {
            throw new StyleTransferException(Kind.ENGINE, "ONNX Runtime could not be configured: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
