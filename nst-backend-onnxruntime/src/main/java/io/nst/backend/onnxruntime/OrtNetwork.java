package io.nst.backend.onnxruntime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An ONNX model in an ONNX Runtime session. Accepted models: one float32 image input of rank 4,
 * {@code [1, 3, H, W]} (NCHW, height and width free or matching the image), optionally a float32
 * condition input {@code [1, S]} (a style vector), and a float32 output of rank 4
 * {@code [1, C, H', W']}. Pixel scale is the model's business: the transfer networks take and give
 * RGB in {@code 0..255}.
 */
final class OrtNetwork implements CompiledNetwork {

    private final OrtEnvironment environment = OnnxRuntimeBackend.environment();
    private final String name;
    private final OrtSession session;
    private final Inputs inputs;
    private final String outputName;
    /**
     * The image input's native copy, reused by the next image of its size: ONNX Runtime copies a
     * Java array into fresh native memory on every run otherwise, which took 8 ms of a 512 px run
     * here (2 ms at 256), the pages being mapped in on first touch. Kept up to {@link
     * #KEPT_INPUT_VALUES}; taken with {@link #inputLock}, so that a caller breaking the one-thread
     * rule gets its own copy instead of another call's pixels.
     */
    private FloatBuffer input;

    private final ReentrantLock inputLock = new ReentrantLock();

    /**
     * The shape of the image input last run with {@link #input}, and the output it gave, into which
     * the next run of that shape writes: ONNX Runtime otherwise gives each output in fresh native
     * memory and copies it into a fresh Java array. Taken with {@link #inputLock}; null before.
     */
    private long[] keptShape;

    private OnnxTensor output;
    private FloatBuffer outputValues;

    /** The largest image input kept for the next run: 16 MiB, a 1180x1180 image. */
    static final int KEPT_INPUT_VALUES = 1 << 22;

    /** The model's image input, and its condition input and size if it has one (null, 0 if not). */
    private record Inputs(String image, String condition, int conditionSize) {}

    /**
     * @param imageChannels the channels the image input must have: 3 for a style network, a
     *     part's first layer's for a part of one, -1 for any number
     */
    OrtNetwork(byte[] model, String name, int imageChannels, boolean gpu) {
        this.name = name;
        try (OrtSession.SessionOptions options = OnnxRuntimeBackend.options(gpu)) {
            this.session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT, name + ": not a model ONNX Runtime can load (" + e.getMessage() + ")", e);
        }
        try {
            this.inputs = signature(imageChannels);
            this.outputName = session.getOutputNames().iterator().next();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Inputs signature(int imageChannels) {
        try {
            String image = null;
            String condition = null;
            int conditionSize = 0;
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.isEmpty() || inputs.size() > 2 || outputs.isEmpty()) {
                throw notAStyleNetwork("it has " + inputs.size() + " inputs and " + outputs.size() + " outputs");
            }
            for (var in : inputs.entrySet()) {
                if (!(in.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
                    throw notAStyleNetwork(
                            "its input " + in.getKey() + " is " + in.getValue().getInfo());
                }
                long[] shape = t.getShape();
                if (image == null && shape.length == 4 && (shape[1] == imageChannels || shape[1] == -1)) {
                    image = in.getKey();
                } else if (condition == null && shape.length == 2 && shape[0] == 1 && shape[1] > 0) {
                    condition = in.getKey();
                    conditionSize = (int) shape[1];
                } else {
                    throw notAStyleNetwork("its input " + in.getKey() + " is " + t);
                }
            }
            if (image == null) {
                throw notAStyleNetwork("it has no image input");
            }
            if (!(outputs.values().iterator().next().getInfo() instanceof TensorInfo o) || o.getShape().length != 4) {
                throw notAStyleNetwork(
                        "its output is " + outputs.values().iterator().next().getInfo());
            }
            return new Inputs(image, condition, conditionSize);
        } catch (OrtException e) {
            throw new StyleTransferException(Kind.ENGINE, name + ": " + e.getMessage(), e);
        }
    }

    private StyleTransferException notAStyleNetwork(String why) {
        return new StyleTransferException(
                Kind.BAD_INPUT,
                name + " is not a style network: " + why
                        + "; expected a float input [1, 3, H, W], optionally a float condition [1, S],"
                        + " and a float output [1, C, H, W]");
    }

    @Override
    public FloatTensor apply(FloatTensor input, float[] vector) {
        return apply(input, vector, null);
    }

    @Override
    public FloatTensor apply(FloatTensor input, float[] vector, float[] reuse) {
        NetworkSpec.checkCondition(name, inputs.conditionSize(), vector);
        long[] shape = {1, input.channels(), input.height(), input.width()};
        Map<String, OnnxTensor> feed = new HashMap<>();
        boolean reusing = input.data().length <= KEPT_INPUT_VALUES && inputLock.tryLock();
        try {
            FloatBuffer image = reusing ? nativeCopy(input.data()) : FloatBuffer.wrap(input.data());
            feed.put(inputs.image(), OnnxTensor.createTensor(environment, image, shape));
            if (inputs.condition() != null) {
                feed.put(
                        inputs.condition(),
                        OnnxTensor.createTensor(environment, FloatBuffer.wrap(vector), new long[] {1, vector.length}));
            }
            boolean pinned = reusing && Arrays.equals(shape, keptShape);
            try (OrtSession.RunOptions options = new OrtSession.RunOptions();
                    InterruptWatch.Watch watch =
                            InterruptWatch.watch(Thread.currentThread(), () -> terminate(options));
                    OrtSession.Result result = pinned
                            ? session.run(feed, Set.of(), Map.of(outputName, output), options)
                            : session.run(feed, options)) {
                OnnxTensor y = (OnnxTensor) result.get(0);
                long[] out = y.getInfo().getShape();
                float[] values;
                if (pinned) {
                    values = CompiledNetwork.resultArray(reuse, outputValues.capacity());
                    outputValues.clear().get(values);
                } else {
                    values = floats(y.getFloatBuffer());
                    if (reusing) {
                        keepOutput(shape, out);
                    }
                }
                return new FloatTensor((int) out[1], (int) out[2], (int) out[3], values);
            }
        } catch (OrtException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new StyleTransferException(Kind.CANCELLED, name + ": interrupted; the run was stopped", e);
            }
            throw new StyleTransferException(Kind.ENGINE, "ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
            if (reusing) {
                inputLock.unlock();
            }
        }
    }

    /**
     * A native output of {@code outputShape} for the next run of an input of {@code inputShape}, if
     * it is no larger than the kept input.
     */
    private void keepOutput(long[] inputShape, long[] outputShape) throws OrtException {
        releaseOutput();
        long values = Arrays.stream(outputShape).reduce(1, (a, b) -> a * b);
        if (values > KEPT_INPUT_VALUES) {
            return;
        }
        outputValues = ByteBuffer.allocateDirect((int) values * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        output = OnnxTensor.createTensor(environment, outputValues, outputShape);
        keptShape = inputShape.clone();
    }

    private void releaseOutput() {
        if (output != null) {
            output.close();
        }
        output = null;
        outputValues = null;
        keptShape = null;
    }

    /** {@code values} in the kept native buffer, made anew only when the size changes. */
    private FloatBuffer nativeCopy(float[] values) {
        if (this.input == null || this.input.capacity() != values.length) {
            this.input = ByteBuffer.allocateDirect(values.length * Float.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
        return this.input.clear().put(values).flip();
    }

    /**
     * The values of {@code buffer}: ONNX Runtime hands an output as a fresh copy in a heap buffer,
     * whose array is taken as it is rather than copied a second time.
     */
    private static float[] floats(FloatBuffer buffer) {
        if (buffer.hasArray()
                && buffer.arrayOffset() == 0
                && buffer.position() == 0
                && buffer.array().length == buffer.remaining()) {
            return buffer.array();
        }
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return data;
    }

    /** Asks a run in flight to stop at its next operator; it then fails. */
    private static void terminate(OrtSession.RunOptions options) {
        try {
            options.setTerminate(true);
        } catch (OrtException e) {
            // The run then ends normally, as it would have without the interrupt.
        }
    }

    @Override
    public void close() {
        inputLock.lock();
        try {
            releaseOutput();
        } finally {
            inputLock.unlock();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new StyleTransferException(
                    Kind.ENGINE, "ONNX Runtime could not close a session: " + e.getMessage(), e);
        }
    }
}
