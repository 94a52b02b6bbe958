package io.nst.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * Autograd for this backend, on whichever thread calls it.
 *
 * <p>PyTorch's grad mode belongs to a thread. DJL switches it off only on the thread that
 * started the engine, and its {@code GradientCollector} lets one collector exist per process and
 * restores a mode it assumed: on any other thread Adam's in-place update of a weight failed
 * ("a leaf Variable that requires grad is being used in an in-place operation"), and a second
 * thread could not differentiate at all. Its {@code zeroGradients()} walks every array of every
 * manager in the process and "zeroes" by subtracting a gradient from itself, which leaves NaN in
 * place. So every entry point of the backend states the grad mode it needs, and gradients are
 * cleared for the session's own weights only.
 */
final class TorchAutograd {

    private TorchAutograd() {}

    /** Grad mode for the calling thread while it is open; closing it restores the previous mode. */
    static final class GradMode implements AutoCloseable {
        private final boolean previous;

        private GradMode(boolean enabled) {
            this.previous = JniUtils.isGradMode();
            JniUtils.setGradMode(enabled);
        }

        @Override
        public void close() {
            JniUtils.setGradMode(previous);
        }
    }

    /** Operations record what the backward pass needs. */
    static GradMode recording() {
        return new GradMode(true);
    }

    /** Operations record nothing: inference, optimiser updates, targets. */
    static GradMode notRecording() {
        return new GradMode(false);
    }

    /** Whether operations on the calling thread record what the backward pass needs. */
    static boolean isRecording() {
        return JniUtils.isGradMode();
    }

    /** Adds d {@code loss} / d leaf to the gradient of every leaf that requires one. */
    static void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    /** Sets the gradients of {@code leaves} to zero (true zeros, whatever they held). */
    static void zeroGradients(List<NDArray> leaves) {
        for (NDArray leaf : leaves) {
            JniUtils.zeroGrad((PtNDArray) leaf);
        }
    }
}
