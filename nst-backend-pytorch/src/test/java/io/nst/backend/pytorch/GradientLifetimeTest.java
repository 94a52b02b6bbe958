package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backward pass must not read memory that Java may already have freed: a garbage collection
 * between forward and backward, followed by fresh direct buffers full of NaN, leaves the gradient
 * bit for bit what it is without them (see {@link TorchArrays}).
 */
class GradientLifetimeTest {

    private static final int C = 3;
    private static final int H = 9;
    private static final int W = 11;

    @Test
    void gradientOfEveryDifferentiatedExpressionSurvivesAGarbageCollection() {
        PyTorchBackend.engine();
        float[] undisturbed = gradient(false);
        float[] disturbed = gradient(true);
        assertArrayEquals(undisturbed, disturbed);
    }

    private static float[] gradient(boolean disturb) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                var mode = TorchAutograd.recording()) {
            TorchNetwork network = new TorchNetwork(network(), manager, DataType.FLOAT32);
            NDArray x = TorchArrays.of(
                    manager, TorchLossesProperties.random(C * H * W, 11), new Shape(1, C, H, W), DataType.FLOAT32);
            x.setRequiresGradient(true);
            NDArray[] out = network.forward(x, new int[] {0, 1});
            NDArray target = TorchArrays.of(
                    manager, TorchLossesProperties.random(4 * H * W, 12), new Shape(1, 4, H, W), DataType.FLOAT32);
            NDArray targetGram = TorchLosses.gram(target);
            NDArray loss = TorchLosses.contentLoss(out[1], target, TorchLosses.squareSums(target))
                    .add(TorchLosses.styleLayerLoss(
                            TorchLosses.gram(out[1]), targetGram, TorchLosses.squareSum(targetGram)))
                    .add(TorchLosses.totalVariation(x));
            if (disturb) {
                reuseFreedDirectMemory();
            }
            TorchAutograd.backward(loss);
            return x.getGradient().toFloatArray();
        }
    }

    /** Instance norm and the scaled tanh are the network layers with scalar operands. */
    private static NetworkSpec network() {
        Layer.Conv2d conv = new Layer.Conv2d(
                "conv",
                C,
                4,
                3,
                3,
                1,
                Padding.SAME,
                TorchLossesProperties.random(4 * C * 9, 13),
                TorchLossesProperties.random(4, 14));
        Layer.InstanceNorm norm = new Layer.InstanceNorm(
                "norm", TorchLossesProperties.random(4, 15), TorchLossesProperties.random(4, 16), 1e-3f);
        Layer.ScaledTanh tanh = new Layer.ScaledTanh("tanh", 1.5f, 0.25f);
        return new NetworkSpec("lifetime", List.of(conv, norm, tanh), Map.of("norm", 1, "out", 2));
    }

    private static void reuseFreedDirectMemory() {
        List<ByteBuffer> filler = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            System.gc();
            try {
                Thread.sleep(20); // the cleaner thread frees direct buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
                b.putFloat(0, Float.NaN).putFloat(4, Float.NaN);
                filler.add(b);
            }
        }
    }
}
