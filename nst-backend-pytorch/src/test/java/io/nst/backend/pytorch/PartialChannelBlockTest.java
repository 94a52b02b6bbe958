package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A convolution whose output channels do not fill oneDNN's channel block (the transfer network's
 * 16 to 3 output layer) gives its input the same finite gradient whatever PyTorch's freed memory
 * held. Before {@code TorchNetwork} filled the block, this gradient read that memory: NaN in some
 * passes, other bytes in others, and a training stopped with a non-finite gradient.
 */
class PartialChannelBlockTest {

    private static final int IN = 16;
    private static final int SIDE = 64;
    private static final int PASSES = 30;

    @ParameterizedTest(name = "{0} to {1} channels, {2}x{2}")
    @CsvSource({"16, 3, 9", "16, 3, 3", "16, 8, 9", "3, 3, 1"})
    void inputGradientDoesNotDependOnFreedMemory(int in, int out, int kernel) {
        PyTorchBackend.engine();
        int threads = JniUtils.getNumThreads();
        // oneDNN splits the work by thread, and the unfilled block showed on two threads.
        JniUtils.setNumThreads(2);
        try {
            float[] first = null;
            for (int pass = 0; pass < PASSES; pass++) {
                fillFreedMemoryWithNaN(pass);
                float[] gradient = inputGradient(in, out, kernel);
                String where = "pass " + pass;
                assertTrue(allFinite(gradient), () -> where + ": the input gradient is not finite");
                if (first == null) {
                    first = gradient;
                } else {
                    assertArrayEquals(first, gradient, where + ": other bytes than the first pass");
                }
            }
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private static float[] inputGradient(int in, int out, int kernel) {
        SplittableRandom random = new SplittableRandom(7);
        Layer.Conv2d conv = new Layer.Conv2d(
                "conv",
                in,
                out,
                kernel,
                kernel,
                1,
                Padding.SAME,
                gaussian(random, out * in * kernel * kernel),
                gaussian(random, out));
        NetworkSpec spec = new NetworkSpec("partial", List.of(conv), Map.of("output", 0));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                var mode = TorchAutograd.recording()) {
            TorchNetwork network = new TorchNetwork(spec, manager, DataType.FLOAT32);
            NDArray x = TorchArrays.of(
                    manager, gaussian(random, in * SIDE * SIDE), new Shape(1, in, SIDE, SIDE), DataType.FLOAT32);
            x.setRequiresGradient(true);
            NDArray y = network.forward(x, new int[] {0})[0];
            NDArray weights = TorchArrays.of(
                    manager, gaussian(random, out * SIDE * SIDE), new Shape(1, out, SIDE, SIDE), DataType.FLOAT32);
            TorchAutograd.backward(y.mul(weights).sum());
            return x.getGradient().toFloatArray();
        }
    }

    /** Arrays in PyTorch's allocator, all NaN, freed again: the next ones may get their memory. */
    private static void fillFreedMemoryWithNaN(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager junk = NDManager.newBaseManager("PyTorch")) {
            for (int i = 0; i < 1000; i++) {
                float[] nan = new float[256 + random.nextInt(70_000)];
                Arrays.fill(nan, Float.NaN);
                TorchArrays.of(junk, nan, new Shape(nan.length), DataType.FLOAT32);
            }
        }
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
