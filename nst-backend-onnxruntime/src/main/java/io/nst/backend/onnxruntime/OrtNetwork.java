package io.nst.backend.onnxruntime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.nst.StyleTransferException;
import io.nst.net.FloatTensor;
import io.nst.spi.CompiledNetwork;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An ONNX model in an ONNX Runtime session. Accepted models: exactly one float32 input of rank
 * 4, {@code [1, 3, H, W]} (NCHW, height and width free or matching the image), and a float32
 * output of rank 4 {@code [1, C, H', W']}. Pixel scale is the model's business: the transfer
 * networks take and give RGB in {@code 0..255}.
 */
final class OrtNetwork implements CompiledNetwork {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;

    OrtNetwork(byte[] model, String name, boolean gpu) {
        try (OrtSession.SessionOptions options = OnnxRuntimeBackend.options(gpu)) {
            this.session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new StyleTransferException(name + ": not a model ONNX Runtime can load (" + e.getMessage() + ")", e);
        }
        try {
            this.input = checkSignature(name);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private String checkSignature(String name) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.size() != 1 || outputs.isEmpty()) {
                throw notAStyleNetwork(name, "it has " + inputs.size() + " inputs and " + outputs.size() + " outputs");
            }
            var in = inputs.entrySet().iterator().next();
            if (!(in.getValue().getInfo() instanceof TensorInfo t)
                    || t.getShape().length != 4
                    || (t.getShape()[1] != 3 && t.getShape()[1] != -1)
                    || t.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                throw notAStyleNetwork(name, "its input is " + in.getValue().getInfo());
            }
            if (!(outputs.values().iterator().next().getInfo() instanceof TensorInfo o) || o.getShape().length != 4) {
                throw notAStyleNetwork(
                        name,
                        "its output is " + outputs.values().iterator().next().getInfo());
            }
            return in.getKey();
        } catch (OrtException e) {
            throw new StyleTransferException(name + ": " + e.getMessage(), e);
        }
    }

    private static StyleTransferException notAStyleNetwork(String name, String why) {
        return new StyleTransferException(name + " is not a style network: " + why
                + "; expected one float input [1, 3, H, W] and a float output [1, C, H, W]");
    }

    @Override
    public FloatTensor apply(FloatTensor image) {
        long[] shape = {1, image.channels(), image.height(), image.width()};
        try (OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(image.data()), shape);
                OrtSession.Result result = session.run(Map.of(input, x))) {
            OnnxTensor y = (OnnxTensor) result.get(0);
            long[] out = y.getInfo().getShape();
            FloatBuffer buffer = y.getFloatBuffer();
            float[] data = new float[buffer.remaining()];
            buffer.get(data);
            return new FloatTensor((int) out[1], (int) out[2], (int) out[3], data);
        } catch (OrtException e) {
            throw new StyleTransferException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new StyleTransferException("ONNX Runtime could not close a session: " + e.getMessage(), e);
        }
    }
}
