package io.nst.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.NativeEnvironment;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import io.nst.spi.EngineThreads;
import io.nst.spi.GatysObjective;
import io.nst.spi.GatysProblem;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import java.util.EnumSet;

/**
 * The PyTorch backend (DJL's PyTorch engine): feature networks, losses and autograd on the CPU,
 * or on a CUDA GPU when CUDA natives are on the class path.
 *
 * <p>The natives come in Maven jars, so nothing is downloaded at run time; no DJL setting is
 * changed. The engine computes with {@link EngineThreads} threads (set once, when it starts).
 */
public final class PyTorchBackend implements Backend {

    static final String ENGINE = "PyTorch";

    private static final Identity IDENTITY = new Identity(
            "pytorch",
            "io.nst:nst-backend-pytorch",
            EnumSet.of(Capability.GATYS_GRADIENTS, Capability.FAST_INFERENCE, Capability.TRAINING),
            10);

    @Override
    public Identity identity() {
        return IDENTITY;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The engine's thread count and OpenMP's wait policy are set as it starts; started by
     * someone else first, it keeps DJL's defaults.
     */
    @Override
    public void startEngine() {
        engine();
    }

    @Override
    public boolean gpuAvailable() {
        return engine().getGpuCount() > 0;
    }

    @Override
    public String gpuHint() {
        return "Maven Central has no CUDA natives for PyTorch 2.7.1: exclude pytorch-native-cpu and set"
                + " PYTORCH_LIBRARY_PATH to a CUDA build of libtorch 2.7.1, or let DJL fetch one"
                + " (-Dai.djl.offline=false -DPYTORCH_FLAVOR=cu128); see the README's GPU section";
    }

    @Override
    public GatysObjective gatysObjective(GatysProblem problem, boolean gpu) {
        engine();
        return new TorchGatysObjective(problem, gpu ? Device.gpu() : Device.cpu(), DataType.FLOAT32);
    }

    /**
     * Unbounded where the C library keeps freed memory ({@link GlibcMalloc}, as the {@code nst}
     * launcher sets it up), else 512: with glibc's defaults PyTorch runs the transfer network at
     * 1024x1024 at a quarter of its rate at 512x512, touching new memory for every layer, and
     * faster in 512 px tiles (2026-12-04, 2 cores: 3.3 s in tiles against 4.2 s whole; with the
     * allocator keeping its memory, 1.5 s whole against 2.3 s in tiles).
     */
    @Override
    public int largestFastSide() {
        return GlibcMalloc.keepsFreedMemory() ? Integer.MAX_VALUE : 512;
    }

    @Override
    public CompiledNetwork compile(NetworkSpec network, boolean gpu) {
        engine();
        return new TorchInference(network, gpu ? Device.gpu() : Device.cpu());
    }

    @Override
    public TrainingSession train(TrainingProblem problem, boolean gpu) {
        engine();
        return new TorchTraining(problem, gpu ? Device.gpu() : Device.cpu());
    }

    static Engine engine() {
        int threads = EngineThreads.configured();
        waitPassivelyOnce();
        try {
            Engine engine = Engine.getEngine(ENGINE);
            setThreadsOnce(threads);
            return engine;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new StyleTransferException(
                    Kind.ENGINE,
                    "the PyTorch engine could not start: " + e.getMessage()
                            + " (is ai.djl.pytorch:pytorch-native-cpu on the class path?)",
                    e);
        }
    }

    private static boolean threadsSet;
    private static boolean waitPolicySet;

    /**
     * PyTorch's OpenMP threads spin while they wait for one another. When another process keeps a
     * core busy, the spinning takes the time slices the lagging thread needs: Gatys ran 2.5 to 4.5
     * times as slow; waiting passively, 1.2 to 1.5 times, with the same bytes (the work is split
     * as before) and no slower on a quiet machine within the noise (docs/gatys.md). OpenMP reads the policy
     * when PyTorch's libraries load, so this runs before the engine first starts.
     */
    private static synchronized void waitPassivelyOnce() {
        if (!waitPolicySet) {
            NativeEnvironment.setUnlessSet("OMP_WAIT_POLICY", "PASSIVE");
            waitPolicySet = true;
        }
    }

    /** PyTorch's thread count is process-wide: set on first use, unless the user's DJL setting did. */
    private static synchronized void setThreadsOnce(int threads) {
        if (!threadsSet && threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            JniUtils.setNumThreads(threads);
        }
        threadsSet = true;
    }

    @Override
    public String toString() {
        return name();
    }
}
