package io.nst.backend.onnxruntime;

import static io.nst.backend.onnxruntime.OnnxSchema.FLOAT;
import static io.nst.backend.onnxruntime.OnnxSchema.GRAPH_INITIALIZER;
import static io.nst.backend.onnxruntime.OnnxSchema.GRAPH_INPUT;
import static io.nst.backend.onnxruntime.OnnxSchema.GRAPH_NAME;
import static io.nst.backend.onnxruntime.OnnxSchema.GRAPH_NODE;
import static io.nst.backend.onnxruntime.OnnxSchema.GRAPH_OUTPUT;
import static io.nst.backend.onnxruntime.OnnxSchema.INT32;
import static io.nst.backend.onnxruntime.OnnxSchema.INT64;
import static io.nst.backend.onnxruntime.OnnxSchema.INT8;
import static io.nst.backend.onnxruntime.OnnxSchema.IR_VERSION;
import static io.nst.backend.onnxruntime.OnnxSchema.MODEL_GRAPH;
import static io.nst.backend.onnxruntime.OnnxSchema.MODEL_IR_VERSION;
import static io.nst.backend.onnxruntime.OnnxSchema.MODEL_OPSET;
import static io.nst.backend.onnxruntime.OnnxSchema.MODEL_PRODUCER;
import static io.nst.backend.onnxruntime.OnnxSchema.NODE_ATTRIBUTE;
import static io.nst.backend.onnxruntime.OnnxSchema.NODE_INPUT;
import static io.nst.backend.onnxruntime.OnnxSchema.NODE_NAME;
import static io.nst.backend.onnxruntime.OnnxSchema.NODE_OP;
import static io.nst.backend.onnxruntime.OnnxSchema.NODE_OUTPUT;
import static io.nst.backend.onnxruntime.OnnxSchema.OPSET;
import static io.nst.backend.onnxruntime.OnnxSchema.OPSET_VERSION;
import static io.nst.backend.onnxruntime.OnnxSchema.TENSOR_DIMS;
import static io.nst.backend.onnxruntime.OnnxSchema.TENSOR_NAME;
import static io.nst.backend.onnxruntime.OnnxSchema.TENSOR_RAW;
import static io.nst.backend.onnxruntime.OnnxSchema.TENSOR_TYPE;
import static io.nst.backend.onnxruntime.OnnxSchema.UINT8;
import static io.nst.backend.onnxruntime.OnnxSchema.autoPad;
import static io.nst.backend.onnxruntime.OnnxSchema.floatAttr;
import static io.nst.backend.onnxruntime.OnnxSchema.intAttr;
import static io.nst.backend.onnxruntime.OnnxSchema.ints;
import static io.nst.backend.onnxruntime.OnnxSchema.stringAttr;
import static io.nst.backend.onnxruntime.OnnxSchema.valueInfo;
import static io.nst.backend.onnxruntime.OnnxSchema.vectorInfo;

import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.PhasedConvolution;
import io.nst.spi.Calibration;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles a {@link NetworkSpec} into an ONNX model (opset 13): this is both the ONNX Runtime
 * backend's compiler and the SDK's ONNX export, so what is exported is what runs.
 *
 * <p>Conventions of the exported graph: an input {@code input}, float32
 * {@code [1, 3, height, width]} (any height and width; a part of a network takes its first layer's
 * channels instead of 3), for a conditional network a second input
 * {@code condition}, float32 {@code [1, size]}, and one output {@code output} of the last layer;
 * TensorFlow's {@code SAME} padding is ONNX's {@code SAME_UPPER}.
 */
final class OnnxExporter {

    static final String INPUT = "input";
    static final String CONDITION = "condition";
    static final String OUTPUT = "output";

    private static final String IN = "/in";
    private static final String OUT = "/out";
    static final int INT8_MIN_CHANNELS = 64;

    /** The most channels of a picture (red, green, blue and alpha), as a network's first layer reads it. */
    private static final int PICTURE_CHANNELS = 4;

    private final List<Proto> nodes = new ArrayList<>();
    private final List<Proto> initializers = new ArrayList<>();
    private final List<String> probes = new ArrayList<>();
    private final boolean probing;
    private final Calibration ranges;
    /** Whether the layer being exported is followed by an instance norm. */
    private boolean normalizedNext;

    private int counter;

    private OnnxExporter(boolean probing, Calibration ranges) {
        this.probing = probing;
        this.ranges = ranges;
    }

    /** The serialized ONNX model of {@code network}. */
    static byte[] export(NetworkSpec network) {
        return new OnnxExporter(false, null).graph(network);
    }

    /**
     * The float model of {@code network} with one more output per point where an int8 model may
     * quantize, named after it, for gathering the activations' ranges: each convolution's input
     * ({@code layer/in}), and its output ({@code layer/out}) where an instance norm follows.
     */
    static byte[] probe(NetworkSpec network) {
        return new OnnxExporter(true, null).graph(network);
    }

    /**
     * The int8 model of {@code network} in ONNX's QDQ form, which ONNX Runtime fuses into integer
     * convolutions: weights int8 per output channel (symmetric), each convolution's input and
     * output uint8 within its calibrated range, everything between (norms, activations,
     * upsampling) float. Only convolutions of at least {@value #INT8_MIN_CHANNELS} input and output
     * channels are quantized: the others (the first and last layers of the transfer networks) run at
     * full resolution on few channels, where int8 saved little time and cost the most accuracy
     * (wave network, 512 px: quantizing every convolution was 1.4x as fast as float and 6 grey
     * levels off; leaving those out, 1.55x).
     *
     * <p>A convolution followed by an instance norm has each output channel scaled and lifted onto
     * the whole uint8 range before the uint8 step, and brought back by a per-channel scale and zero
     * point after it ({@link ChannelRanges#aligned}): one uint8 scale for all channels of a tensor
     * whose channels span ranges many times apart leaves the narrow ones a few levels (8 grey
     * levels off in the result, against 1.2-1.5 this way).
     *
     * @param ranges the ranges at the {@linkplain #probe probed} points of {@code network}, or of
     *     the network it is a part of
     */
    static byte[] quantized(NetworkSpec network, Calibration ranges) {
        return new OnnxExporter(false, ranges).graph(network);
    }

    private byte[] graph(NetworkSpec network) {
        String x = sequence(network.layers(), INPUT);
        node("Identity", List.of(x), OUTPUT);
        Proto g = new Proto();
        nodes.forEach(n -> g.message(GRAPH_NODE, n));
        g.string(GRAPH_NAME, network.name());
        initializers.forEach(t -> g.message(GRAPH_INITIALIZER, t));
        g.message(GRAPH_INPUT, valueInfo(INPUT, "", network.inputChannels()));
        if (network.conditionSize() > 0) {
            g.message(GRAPH_INPUT, vectorInfo(CONDITION, network.conditionSize()));
        }
        g.message(GRAPH_OUTPUT, valueInfo(OUTPUT, "out_", -1));
        for (String probe : probes) {
            g.message(GRAPH_OUTPUT, valueInfo(probe, probe + "_", -1));
        }
        return new Proto()
                .varint(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER, "nst")
                .message(MODEL_GRAPH, g)
                .message(MODEL_OPSET, new Proto().varint(OPSET_VERSION, OPSET))
                .toByteArray();
    }

    private String sequence(List<Layer> layers, String x) {
        String y = x;
        for (int i = 0; i < layers.size(); i++) {
            normalizedNext = i + 1 < layers.size()
                    && (layers.get(i + 1) instanceof Layer.InstanceNorm
                            || layers.get(i + 1) instanceof Layer.ConditionalInstanceNorm);
            y = layer(layers.get(i), y);
        }
        return y;
    }

    private String layer(Layer layer, String x) {
        if (layer instanceof Layer.InputNormalization n) {
            return layer(n.asConvolution(), x);
        } else if (layer instanceof Layer.Conv2d c) {
            if (inPhases(c)) {
                return phasedConvolution(c, x);
            }
            return convolution(
                    "Conv",
                    c.name(),
                    x,
                    c.weight(),
                    c.bias(),
                    new long[] {c.outChannels(), c.inChannels(), c.kernelHeight(), c.kernelWidth()},
                    0,
                    ints("kernel_shape", c.kernelHeight(), c.kernelWidth()),
                    ints("strides", c.stride(), c.stride()),
                    autoPad(c.padding()));
        } else if (layer instanceof Layer.TransposedConv2d t) {
            // TensorFlow's SAME transposed convolution gives stride times the input: it drops
            // (k - s) cells of the full result, floor(half) before and the rest after, or adds
            // (s - k) zero cells after when the kernel is the smaller.
            int crop = Math.max(t.kernel() - t.stride(), 0);
            int before = crop / 2;
            int after = crop - before;
            int grow = Math.max(t.stride() - t.kernel(), 0);
            return convolution(
                    "ConvTranspose",
                    t.name(),
                    x,
                    t.weight(),
                    null,
                    new long[] {t.inChannels(), t.outChannels(), t.kernel(), t.kernel()},
                    1,
                    ints("kernel_shape", t.kernel(), t.kernel()),
                    ints("strides", t.stride(), t.stride()),
                    ints("pads", before, before, after, after),
                    ints("output_padding", grow, grow));
        } else if (layer instanceof Layer.DepthwiseConv2d d) {
            return convolution(
                    "Conv",
                    d.name(),
                    x,
                    d.weight(),
                    d.bias(),
                    new long[] {d.channels(), 1, d.kernel(), d.kernel()},
                    0,
                    ints("kernel_shape", d.kernel(), d.kernel()),
                    ints("strides", d.stride(), d.stride()),
                    intAttr("group", d.channels()),
                    autoPad(d.padding()));
        } else if (layer instanceof Layer.SpatialMean) {
            return node("GlobalAveragePool", List.of(x), null);
        } else if (layer instanceof Layer.MirrorPad m) {
            String pads = longs(m.name() + "/pads", 0, 0, m.top(), m.left(), 0, 0, m.bottom(), m.right());
            return node("Pad", List.of(x, pads), null, stringAttr("mode", "reflect"));
        } else if (layer instanceof Layer.NearestUpsample u) {
            String scales = weights(u.name() + "/scales", new float[] {1, 1, u.factor(), u.factor()}, 4);
            // Source pixel floor(destination / factor): asymmetric coordinates, rounded down.
            return node(
                    "Resize",
                    List.of(x, "", scales),
                    null,
                    stringAttr("mode", "nearest"),
                    stringAttr("coordinate_transformation_mode", "asymmetric"),
                    stringAttr("nearest_mode", "floor"));
        } else if (layer instanceof Layer.Activation a) {
            return switch (a.kind()) {
                case RELU -> node("Relu", List.of(x), null);
                case SIGMOID -> node("Sigmoid", List.of(x), null);
                case RELU6 -> node(
                        "Clip",
                        List.of(
                                x,
                                weights(a.name() + "/min", new float[] {0f}),
                                weights(a.name() + "/max", new float[] {6f})),
                        null);
                case LEAKY_RELU -> node("LeakyRelu", List.of(x), null, floatAttr("alpha", a.slope()));
            };
        } else if (layer instanceof Layer.MaxPool p) {
            return node(
                    "MaxPool",
                    List.of(x),
                    null,
                    ints("kernel_shape", p.size(), p.size()),
                    ints("strides", p.stride(), p.stride()),
                    autoPad(p.padding()));
        } else if (layer instanceof Layer.InstanceNorm n) {
            int c = n.gamma().length;
            return node(
                    "InstanceNormalization",
                    List.of(x, weights(n.name() + "/scale", n.gamma(), c), weights(n.name() + "/B", n.beta(), c)),
                    null,
                    floatAttr("epsilon", n.epsilon()));
        } else if (layer instanceof Layer.ConditionalInstanceNorm n) {
            return node(
                    "InstanceNormalization",
                    List.of(
                            x,
                            perChannel(n, "gamma", n.gammaWeight(), n.gammaBias()),
                            perChannel(n, "beta", n.betaWeight(), n.betaBias())),
                    null,
                    floatAttr("epsilon", n.epsilon()));
        } else if (layer instanceof Layer.ChannelAffine a) {
            int c = a.scale().length;
            String scaled = node("Mul", List.of(x, weights(a.name() + "/scale", a.scale(), c, 1, 1)), null);
            return node("Add", List.of(scaled, weights(a.name() + "/shift", a.shift(), c, 1, 1)), null);
        } else if (layer instanceof Layer.Residual r) {
            return node("Add", List.of(x, sequence(r.body(), x)), null);
        } else if (layer instanceof Layer.ScaledTanh t) {
            String tanh = node("Tanh", List.of(x), null);
            String scaled = node("Mul", List.of(tanh, weights(t.name() + "/scale", new float[] {t.scale()})), null);
            return node("Add", List.of(scaled, weights(t.name() + "/offset", new float[] {t.offset()})), null);
        }
        throw new IllegalArgumentException("no ONNX form for " + layer);
    }

    /** {@code weight * condition + bias} of a conditional norm, shaped {@code [C]}. */
    private String perChannel(Layer.ConditionalInstanceNorm n, String what, float[] weight, float[] bias) {
        String prefix = n.name() + "/" + what;
        String row = node(
                "Gemm",
                List.of(
                        CONDITION,
                        weights(prefix + "/W", weight, n.channels(), n.conditionSize()),
                        weights(prefix + "/B", bias, n.channels())),
                null,
                intAttr("transB", 1));
        return node("Reshape", List.of(row, longs(prefix + "/shape", -1)), null);
    }

    /**
     * A convolution {@code op} of {@code x}: its weights shaped {@code dims} with the output
     * channels along {@code axis} (0 for a convolution, 1 for a transposed one) and its bias if
     * any; in a probe its input and output are probed, in an int8 model it may be quantized.
     */
    private String convolution(
            String op,
            String layer,
            String x,
            float[] weight,
            float[] bias,
            long[] dims,
            int axis,
            Proto... attributes) {
        int channels = (int) dims[axis];
        if (!quantizes(layer, channels, dims[1 - axis])) {
            probe(layer + IN, x);
            List<String> inputs = new ArrayList<>(List.of(x, weights(layer + "/W", weight, dims)));
            if (bias != null) {
                inputs.add(weights(layer + "/B", bias, bias.length));
            }
            String y = node(op, inputs, null, attributes);
            if (normalizedNext) {
                probe(layer + OUT, y);
            }
            return y;
        }
        // An output range was probed only where a norm follows, in the whole network; a part of
        // it may end with the convolution.
        ChannelRanges.Alignment out =
                ranges.has(layer + OUT) ? ChannelRanges.at(ranges, layer + OUT).aligned() : null;
        float[] gains = out != null ? out.gains() : ones(channels);
        ActivationRange inRange = ChannelRanges.at(ranges, layer + IN).overall();
        float[] scales = new float[channels];
        for (int i = 0; i < weight.length; i++) {
            int c = channelOf(i, axis, dims);
            scales[c] = Math.max(scales[c], gains[c] * Math.abs(weight[i]) / 127f);
        }
        for (int c = 0; c < channels; c++) {
            scales[c] = scales[c] > 0 ? scales[c] : 1f;
        }
        byte[] quantized = new byte[weight.length];
        for (int i = 0; i < weight.length; i++) {
            int c = channelOf(i, axis, dims);
            quantized[i] = (byte) Math.round(gains[c] * weight[i] / scales[c]);
        }
        List<String> inputs = new ArrayList<>(List.of(
                roundTrip(layer + IN, x, inRange), dequantized(layer + "/W", INT8, quantized, scales, axis, dims)));
        if (bias != null || out != null) {
            // The integer convolution accumulates at the input's scale times the weights'; the
            // bias also lifts each channel's range to start at uint8 zero.
            float[] biasScales = new float[channels];
            ByteBuffer raw = ByteBuffer.allocate(4 * channels).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < channels; c++) {
                biasScales[c] = inRange.scale() * scales[c];
                double lifted = gains[c] * (bias == null ? 0 : bias[c]) + (out == null ? 0 : out.lift(c));
                raw.putInt((int) Math.round(lifted / biasScales[c]));
            }
            inputs.add(dequantized(layer + "/B", INT32, raw.array(), biasScales, 0, channels));
        }
        String y = node(op, inputs, null, attributes);
        return out == null ? y : unlifted(layer + OUT, y, out);
    }

    /** Whether this is an int8 model that quantizes the convolution {@code layer} of these channels. */
    private boolean quantizes(String layer, long outChannels, long inChannels) {
        return ranges != null
                && ranges.has(layer + IN)
                && outChannels >= INT8_MIN_CHANNELS
                && inChannels >= INT8_MIN_CHANNELS;
    }

    /**
     * Whether ONNX Runtime computes {@code c} faster in phases: a convolution of a few outputs, as
     * on every backend ({@link PhasedConvolution#suits}), and one reading a picture's few channels
     * into at most 8, as the arbitrary transformer's first (3 to 8 at 9x9), whose 8 outputs ONNX
     * Runtime pads to its blocks of 16 and whose 3 inputs its blocked kernels read slowly: 26.2 ms
     * for a 856x480 frame, 13.1 in phases and 10.2 to spread, re-lay and cut them.
     */
    private static boolean inPhases(Layer.Conv2d c) {
        return PhasedConvolution.suits(
                c,
                c.inChannels() <= PICTURE_CHANNELS
                        ? 2 * PhasedConvolution.MAX_OUT_CHANNELS
                        : PhasedConvolution.MAX_OUT_CHANNELS);
    }

    /**
     * {@code c} computed in phases, as {@link PhasedConvolution} says, the same sums. The phases
     * are spread to their places by a transposed convolution of zeros and ones rather than
     * DepthToSpace, which ONNX Runtime runs at about 0.4 G values a second on this project's
     * machine: the last layer's 1.2 M values took 3.0 ms, 1.5 ms spread so, with the same values.
     */
    private String phasedConvolution(Layer.Conv2d c, String x) {
        PhasedConvolution phased = PhasedConvolution.of(c);
        Layer.Conv2d blocks = phased.blocks();
        probe(c.name() + IN, x);
        List<String> inputs = new ArrayList<>(List.of(
                x,
                weights(
                        blocks.name() + "/W",
                        blocks.weight(),
                        blocks.outChannels(),
                        blocks.inChannels(),
                        blocks.kernelHeight(),
                        blocks.kernelWidth())));
        if (blocks.bias() != null) {
            inputs.add(weights(blocks.name() + "/B", blocks.bias(), blocks.outChannels()));
        }
        String y = node(
                "Conv",
                inputs,
                null,
                ints("kernel_shape", blocks.kernelHeight(), blocks.kernelWidth()),
                ints("strides", 2, 2),
                ints("pads", phased.top(), phased.left(), phased.bottom(), phased.right()));
        int out = c.outChannels();
        // Output channel o at row 2i + dy, column 2j + dx is phase channel (dy * 2 + dx) * out + o
        // at (i, j): the one weight of 1 joining them.
        float[] spreading = new float[4 * out * out * 4];
        for (int phase = 0; phase < 4; phase++) {
            for (int o = 0; o < out; o++) {
                spreading[((phase * out + o) * out + o) * 4 + phase] = 1;
            }
        }
        String spread = node(
                "ConvTranspose",
                List.of(y, weights(blocks.name() + "/spread", spreading, 4L * out, out, 2, 2)),
                null,
                ints("kernel_shape", 2, 2),
                ints("strides", 2, 2));
        String shape = node("Shape", List.of(x), null);
        String size =
                node("Slice", List.of(shape, longs(blocks.name() + "/hw0", 2), longs(blocks.name() + "/hw1", 4)), null);
        String ends = node(
                "Add",
                List.of(size, longs(blocks.name() + "/change", phased.heightChange(), phased.widthChange())),
                null);
        String cut = node(
                "Slice",
                List.of(spread, longs(blocks.name() + "/starts", 0, 0), ends, longs(blocks.name() + "/axes", 2, 3)),
                null);
        if (normalizedNext) {
            probe(c.name() + OUT, cut);
        }
        return cut;
    }

    /** In a probe, {@code x} becomes an output of the graph named {@code name}. */
    private void probe(String name, String x) {
        if (probing) {
            probes.add(name);
            node("Identity", List.of(x), name);
        }
    }

    /** {@code x} to uint8 in {@code range} and back to float. */
    private String roundTrip(String name, String x, ActivationRange range) {
        String scale = weights(name + "/scale", new float[] {range.scale()});
        String zero = typed(name + "/zero", UINT8, new byte[] {(byte) range.zeroPoint()});
        String q = node("QuantizeLinear", List.of(x, scale, zero), null);
        return node("DequantizeLinear", List.of(q, scale, zero), null);
    }

    /**
     * A convolution's output {@code y}, computed with each channel's gain and lift of {@code out},
     * to uint8 and back to float without them: channel {@code c} comes back through zero point
     * {@code lift(c) / step} and scale {@code step / gain(c)}.
     */
    private String unlifted(String name, String y, ChannelRanges.Alignment out) {
        String scale = weights(name + "/scale", new float[] {out.step()});
        String zero = typed(name + "/zero", UINT8, new byte[] {0});
        String q = node("QuantizeLinear", List.of(y, scale, zero), null);
        int channels = out.gains().length;
        float[] back = new float[channels];
        byte[] zeros = new byte[channels];
        for (int c = 0; c < channels; c++) {
            back[c] = out.step() / out.gains()[c];
            zeros[c] = (byte) out.zeroPoint(c);
        }
        return node(
                "DequantizeLinear",
                List.of(q, weights(name + "/unscale", back, channels), typed(name + "/unzero", UINT8, zeros, channels)),
                null,
                intAttr("axis", 1));
    }

    private static float[] ones(int n) {
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        return ones;
    }

    /** The output channel of flat weight index {@code i} of a tensor shaped {@code dims}. */
    private static int channelOf(int i, int axis, long[] dims) {
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        return (int) ((i / inner) % dims[axis]);
    }

    /** An integer initializer with per-channel scales (zero points 0), dequantized to float. */
    private String dequantized(String name, int type, byte[] raw, float[] scales, int axis, long... dims) {
        String values = typed(name + "/q", type, raw, dims);
        String scale = weights(name + "/scale", scales, scales.length);
        String zero = typed(name + "/zero", type, new byte[scales.length * (type == INT32 ? 4 : 1)], scales.length);
        return node("DequantizeLinear", List.of(values, scale, zero), null, intAttr("axis", axis));
    }

    private String typed(String name, int type, byte[] raw, long... dims) {
        Proto tensor = new Proto();
        for (long d : dims) {
            tensor.varint(TENSOR_DIMS, d);
        }
        tensor.varint(TENSOR_TYPE, type).string(TENSOR_NAME, name).bytes(TENSOR_RAW, raw);
        initializers.add(tensor);
        return name;
    }

    /** Adds a node; returns its output's name ({@code output} when given, else a fresh one). */
    private String node(String op, List<String> inputs, String output, Proto... attributes) {
        String out = output != null ? output : op.toLowerCase() + "_" + counter++;
        Proto node = new Proto();
        inputs.forEach(i -> node.string(NODE_INPUT, i));
        node.string(NODE_OUTPUT, out).string(NODE_NAME, out).string(NODE_OP, op);
        for (Proto attribute : attributes) {
            node.message(NODE_ATTRIBUTE, attribute);
        }
        nodes.add(node);
        return out;
    }

    private String weights(String name, float[] values, long... dims) {
        Proto tensor = new Proto();
        for (long d : dims) {
            tensor.varint(TENSOR_DIMS, d);
        }
        tensor.varint(TENSOR_TYPE, FLOAT).string(TENSOR_NAME, name).bytes(TENSOR_RAW, Proto.rawFloats(values));
        initializers.add(tensor);
        return name;
    }

    private String longs(String name, long... values) {
        java.nio.ByteBuffer raw =
                java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        initializers.add(new Proto()
                .varint(TENSOR_DIMS, values.length)
                .varint(TENSOR_TYPE, INT64)
                .string(TENSOR_NAME, name)
                .bytes(TENSOR_RAW, raw.array()));
        return name;
    }
}
