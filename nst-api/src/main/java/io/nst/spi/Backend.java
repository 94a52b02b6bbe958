package io.nst.spi;

import io.nst.Device;
import java.util.Set;

/**
 * An engine that runs networks, found with {@link java.util.ServiceLoader}. Implementations
 * say what they can do through {@link #capabilities()}; asking for anything else fails with
 * an {@link UnsupportedOperationException} that says so.
 *
 * <p>Implementations are thread-safe: any method may be called from many threads at once, and
 * each call's result (a compiled network, an objective, a session) belongs to its caller and is
 * used by one thread at a time.
 */
public interface Backend {

    /**
     * Who the backend is and what it can do, as one constant value.
     *
     * @param name short name used to choose the backend ({@code pytorch}, {@code tensorflow}, ...)
     * @param artifact the Maven coordinates that put this backend on the class path
     * @param capabilities what this backend can do; a job that needs something else is refused
     *     with the modules that can
     * @param priority lower wins when the user names no backend and several can do the job
     */
    record Identity(String name, String artifact, Set<Capability> capabilities, int priority) {

        /** A copy of {@code capabilities} is kept. */
        public Identity {
            capabilities = Set.copyOf(capabilities);
        }
    }

    /** This backend's name, artifact, capabilities and priority. */
    Identity identity();

    /** Short name used to choose the backend ({@code pytorch}, {@code tensorflow}, ...). */
    default String name() {
        return identity().name();
    }

    /** The Maven coordinates that put this backend on the class path. */
    default String artifact() {
        return identity().artifact();
    }

    /** What this backend can do; a job that needs something else is refused with the modules that can. */
    default Set<Capability> capabilities() {
        return identity().capabilities();
    }

    /** Lower wins when the user names no backend and several can do {@code capability}. */
    default int priority(Capability capability) {
        return identity().priority();
    }

    /** Whether a GPU this backend can use is present. */
    boolean gpuAvailable();

    /** What to add to use a GPU, for the error when none is found. */
    default String gpuHint() {
        return "this backend has no GPU support";
    }

    /**
     * Compiles the Gatys objective.
     *
     * @param gpu whether to run on the GPU (the caller checked {@link #gpuAvailable()})
     */
    default GatysObjective gatysObjective(GatysProblem problem, boolean gpu) {
        throw new UnsupportedOperationException(name() + " backend cannot " + Capability.GATYS_GRADIENTS.description());
    }

    /** Starts training a transfer network (needs {@link Capability#TRAINING}). */
    default TrainingSession train(TrainingProblem problem, boolean gpu) {
        throw new UnsupportedOperationException(name() + " backend cannot " + Capability.TRAINING.description());
    }

    /**
     * Compiles a network for inference (the fast method's transfer network).
     *
     * @param gpu whether to run on the GPU (the caller checked {@link #gpuAvailable()})
     */
    default CompiledNetwork compile(io.nst.net.NetworkSpec network, boolean gpu) {
        throw new UnsupportedOperationException(name() + " backend cannot " + Capability.FAST_INFERENCE.description());
    }

    /**
     * Compiles {@code network} (or a part of one) with 16-bit brain-float convolutions (needs
     * {@link Capability#BF16_INFERENCE}).
     *
     * @param gpu whether to run on the GPU (the caller checked {@link #gpuAvailable()})
     * @throws io.nst.StyleTransferException of kind {@code ENGINE} when this machine cannot run
     *     bfloat16 natively, naming what it lacks
     */
    default CompiledNetwork compileBf16(io.nst.net.NetworkSpec network, boolean gpu) {
        throw new UnsupportedOperationException(name() + " backend cannot " + Capability.BF16_INFERENCE.description());
    }

    /**
     * The ranges the activations of {@code network} take on {@code photos} at the points where
     * {@link #compileInt8} quantizes them (needs {@link Capability#INT8_INFERENCE}). The result
     * depends only on the network and the photos, so callers cache it.
     *
     * @param photos RGB channels first in the network's pixel range
     */
    default Calibration calibrate(io.nst.net.NetworkSpec network, java.util.List<io.nst.net.FloatTensor> photos) {
        throw new UnsupportedOperationException(name() + " backend cannot " + Capability.INT8_INFERENCE.description());
    }

    /**
     * Compiles {@code network}, or a part of the network {@code calibration} was taken on (its
     * layers keep their names), with 8-bit integer convolutions (needs {@link
     * Capability#INT8_INFERENCE}).
     *
     * @param gpu whether to run on the GPU (the caller checked {@link #gpuAvailable()})
     */
    default CompiledNetwork compileInt8(io.nst.net.NetworkSpec network, Calibration calibration, boolean gpu) {
        throw new UnsupportedOperationException(name() + " backend cannot " + Capability.INT8_INFERENCE.description());
    }

    /**
     * The largest side at which this backend runs a compiled network at its full rate: larger
     * images of a network it compiled go in tiles of at most this side, whatever larger tile the
     * caller allows (the result is the same within rounding, see the one-pass methods' tiling).
     * Unbounded unless the engine slows down on large activations.
     */
    default int largestFastSide() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether each network this backend compiles computes on threads of its own, as many as {@link
     * EngineThreads#forNetwork()} says when it is compiled, and gives the same values on any count;
     * then two networks each on half the cores can run side by side (the frames of a clip). False
     * where the count is process-wide (PyTorch).
     */
    default boolean threadsPerNetwork() {
        return false;
    }

    /**
     * Whether this backend can run the saved model at {@code path} (a file or directory in a
     * format of its engine, such as {@code .onnx} or a SavedModel directory).
     */
    default boolean canLoad(java.nio.file.Path path) {
        return false;
    }

    /**
     * Runs a saved model that is not a network description (exported or third-party). Such
     * models are taken as they are: RGB channels first in, RGB out, in their own pixel scale.
     */
    default CompiledNetwork load(java.nio.file.Path path, boolean gpu) throws java.io.IOException {
        throw new UnsupportedOperationException(name() + " backend cannot load " + path);
    }

    /**
     * Starts the DJL engine this backend runs on, as it must be started before anyone else's DJL
     * models of that engine (or of an engine that borrows it for arrays) are made: natives in
     * place, process-wide environments created DJL's way. Idempotent; the SDK's DJL model zoo
     * calls it for every backend on the class path. Nothing for a backend whose engine starts
     * itself.
     *
     * @throws io.nst.StyleTransferException of kind {@code ENGINE} if the engine cannot start
     */
    default void startEngine() {}

    /** The file format {@link #export} writes, such as {@code onnx}, if this backend exports. */
    default java.util.Optional<String> exportFormat() {
        return java.util.Optional.empty();
    }

    /** Writes {@code network} in {@link #exportFormat()} to {@code target}. */
    default void export(io.nst.net.NetworkSpec network, java.nio.file.Path target) throws java.io.IOException {
        throw new UnsupportedOperationException(name() + " backend cannot export networks");
    }

    /** Resolves {@link Device#AUTO} and checks that a requested GPU exists. */
    default boolean useGpu(Device device) {
        return switch (device) {
            case CPU -> false;
            case AUTO -> gpuAvailable();
            case GPU -> {
                if (!gpuAvailable()) {
                    throw new io.nst.StyleTransferException(
                            io.nst.StyleTransferException.Kind.NOT_FOUND,
                            "device gpu requested but the " + name() + " backend found no GPU; " + gpuHint());
                }
                yield true;
            }
        };
    }
}
