package io.nst.backend.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import java.nio.FloatBuffer;

/** A network compiled for inference; each call's intermediates are freed before it returns. */
final class TorchInference implements CompiledNetwork {

    private final NDManager manager;
    private final TorchNetwork network;
    private final int[] output;

    TorchInference(NetworkSpec spec, Device device) {
        this.manager = NDManager.newBaseManager(device, PyTorchBackend.ENGINE);
        try {
            this.network = new TorchNetwork(spec, manager, DataType.FLOAT32);
            this.output = new int[] {spec.layers().size() - 1};
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public FloatTensor apply(FloatTensor input, float[] condition) {
        return apply(input, condition, null);
    }

    @Override
    public FloatTensor apply(FloatTensor input, float[] condition, float[] reuse) {
        network.spec().checkCondition(condition);
        try (NDManager scope = manager.newSubManager();
                var mode = TorchAutograd.notRecording()) {
            NDArray x = TorchArrays.of(
                    scope,
                    input.data(),
                    new Shape(1, input.channels(), input.height(), input.width()),
                    DataType.FLOAT32);
            NDArray c = condition.length == 0
                    ? null
                    : TorchArrays.of(scope, condition, new Shape(1, condition.length), DataType.FLOAT32);
            NDArray y = network.forward(x, c, output)[0];
            Shape shape = y.getShape();
            FloatBuffer values = y.toByteBuffer().asFloatBuffer();
            float[] data = CompiledNetwork.resultArray(reuse, values.remaining());
            values.get(data);
            return new FloatTensor((int) shape.get(1), (int) shape.get(2), (int) shape.get(3), data);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
