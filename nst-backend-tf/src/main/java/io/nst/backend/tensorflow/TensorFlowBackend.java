package io.nst.backend.tensorflow;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The TensorFlow backend (TensorFlow 2.16.1 through DJL and TF-Java): inference, in float32 or,
 * on a CPU with bfloat16 dot products, with bfloat16 convolutions (oneDNN's). DJL's
 * TensorFlow engine has no convolution and no autograd, so networks are built as TF-Java
 * graphs, whose native layout and {@code SAME} padding are those the fast networks were trained
 * with, and run in the engine's session; the same graph exports as a SavedModel. The backend
 * sets up its native libraries itself (see {@link TfNatives}). Thread-safe, as every {@link
 * Backend}.
 */
public final class TensorFlowBackend implements Backend {

    private static final Identity IDENTITY = new Identity(
            "tensorflow",
            "io.nst:nst-backend-tf",
            EnumSet.of(Capability.FAST_INFERENCE, Capability.BF16_INFERENCE),
            20);

    @Override
    public Identity identity() {
        return IDENTITY;
    }

    @Override
    public boolean gpuAvailable() {
        return false;
    }

    @Override
    public String gpuHint() {
        return "this build carries TensorFlow's CPU natives only";
    }

    /** The natives extracted and DJL's engine started with them (see {@link TfNatives}). */
    @Override
    public void startEngine() {
        TfNatives.engine();
    }

    @Override
    public CompiledNetwork compile(NetworkSpec network, boolean gpu) {
        return new TfNetwork(network, false);
    }

    /**
     * The network with TensorFlow's oneDNN bfloat16 rewrite on: its convolutions take bfloat16
     * inputs and weights and add up in float32, on a CPU that has the instructions for it.
     *
     * <p>The first input of each size also runs in float32, and a result further from it than
     * bfloat16's rounding explains is refused ({@link CheckedBf16Network}).
     *
     * @throws StyleTransferException of kind {@code ENGINE} on a CPU without AVX-512 BF16 or AMX,
     *     where the rewrite would be emulated, slower than float32
     */
    @Override
    public CompiledNetwork compileBf16(NetworkSpec network, boolean gpu) {
        if (!CpuFeatures.BF16) {
            throw new StyleTransferException(
                    Kind.ENGINE,
                    "bf16 needs a CPU with AVX-512 BF16 or AMX (the avx512_bf16 or amx_bf16 flag), and this one"
                            + " has neither; use fp32, or int8 on ONNX Runtime");
        }
        TfNetwork fp32 = new TfNetwork(network, false);
        try {
            return new CheckedBf16Network(new TfNetwork(network, true), fp32);
        } catch (RuntimeException e) {
            fp32.close();
            throw e;
        }
    }

    @Override
    public Optional<String> exportFormat() {
        return Optional.of("savedmodel");
    }

    /** Writes a SavedModel directory; {@code target} must not exist yet. */
    @Override
    public void export(NetworkSpec network, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new IOException(target + " exists; a SavedModel is written to a new directory");
        }
        try (TfNetwork compiled = new TfNetwork(network, false)) {
            compiled.export(target);
        }
    }

    @Override
    public boolean canLoad(Path path) {
        return Files.isRegularFile(path.resolve("saved_model.pb"));
    }

    /** Runs a SavedModel directory whose {@code serving_default} signature maps one image to one image. */
    @Override
    public CompiledNetwork load(Path savedModel, boolean gpu) throws IOException {
        return new TfSavedModel(savedModel);
    }

    @Override
    public String toString() {
        return name();
    }
}
