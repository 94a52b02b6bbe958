package io.nst.backend.onnxruntime;

import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import java.util.ArrayList;
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

    private static final int OPSET = 13;
    private static final int IR_VERSION = 7;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    // ONNX field numbers (onnx.proto).
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET = 8;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_FLOAT = 2;
    private static final int ATTR_INT = 3;
    private static final int ATTR_STRING = 4;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW = 9;
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private final List<Proto> nodes = new ArrayList<>();
    private final List<Proto> initializers = new ArrayList<>();
    private int counter;

    private OnnxExporter() {}

    /** The serialized ONNX model of {@code network}. */
    static byte[] export(NetworkSpec network) {
        OnnxExporter graph = new OnnxExporter();
        String x = INPUT;
        for (Layer layer : network.layers()) {
            x = graph.layer(layer, x);
        }
        graph.node("Identity", List.of(x), OUTPUT);
        Proto g = new Proto();
        graph.nodes.forEach(n -> g.message(GRAPH_NODE, n));
        g.string(GRAPH_NAME, network.name());
        graph.initializers.forEach(t -> g.message(GRAPH_INITIALIZER, t));
        g.message(GRAPH_INPUT, valueInfo(INPUT, "", network.inputChannels()));
        if (network.conditionSize() > 0) {
            g.message(GRAPH_INPUT, vectorInfo(CONDITION, network.conditionSize()));
        }
        g.message(GRAPH_OUTPUT, valueInfo(OUTPUT, "out_", -1));
        return new Proto()
                .varint(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER, "nst")
                .message(MODEL_GRAPH, g)
                .message(MODEL_OPSET, new Proto().varint(OPSET_VERSION, OPSET))
                .toByteArray();
    }

    private String layer(Layer layer, String x) {
        if (layer instanceof Layer.InputNormalization n) {
            return layer(n.asConvolution(), x);
        } else if (layer instanceof Layer.Conv2d c) {
            List<String> inputs = new ArrayList<>(List.of(
                    x,
                    weights(
                            c.name() + "/W",
                            c.weight(),
                            c.outChannels(),
                            c.inChannels(),
                            c.kernelHeight(),
                            c.kernelWidth())));
            if (c.bias() != null) {
                inputs.add(weights(c.name() + "/B", c.bias(), c.outChannels()));
            }
            return node(
                    "Conv",
                    inputs,
                    null,
                    ints("kernel_shape", c.kernelHeight(), c.kernelWidth()),
                    ints("strides", c.stride(), c.stride()),
                    autoPad(c.padding()));
        } else if (layer instanceof Layer.TransposedConv2d t) {
            // TensorFlow's SAME transposed convolution drops (k - s) cells of the full result,
            // floor(half) before and the rest after, whatever the input size.
            int crop = Math.max(t.kernel() - t.stride(), 0);
            int before = crop / 2;
            int after = crop - before;
            return node(
                    "ConvTranspose",
                    List.of(
                            x,
                            weights(
                                    t.name() + "/W",
                                    t.weight(),
                                    t.inChannels(),
                                    t.outChannels(),
                                    t.kernel(),
                                    t.kernel())),
                    null,
                    ints("kernel_shape", t.kernel(), t.kernel()),
                    ints("strides", t.stride(), t.stride()),
                    ints("pads", before, before, after, after));
        } else if (layer instanceof Layer.DepthwiseConv2d d) {
            List<String> inputs = new ArrayList<>(
                    List.of(x, weights(d.name() + "/W", d.weight(), d.channels(), 1, d.kernel(), d.kernel())));
            if (d.bias() != null) {
                inputs.add(weights(d.name() + "/B", d.bias(), d.channels()));
            }
            return node(
                    "Conv",
                    inputs,
                    null,
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
            String y = x;
            for (Layer inner : r.body()) {
                y = layer(inner, y);
            }
            return node("Add", List.of(x, y), null);
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

    private static Proto stringAttr(String name, String value) {
        return new Proto().string(ATTR_NAME, name).string(ATTR_STRING, value).varint(ATTR_TYPE, 3);
    }

    private static Proto ints(String name, long... values) {
        Proto attribute = new Proto().string(ATTR_NAME, name);
        for (long v : values) {
            attribute.varint(ATTR_INTS, v);
        }
        return attribute.varint(ATTR_TYPE, 7);
    }

    private static Proto intAttr(String name, long value) {
        return new Proto().string(ATTR_NAME, name).varint(ATTR_INT, value).varint(ATTR_TYPE, 2);
    }

    private static Proto floatAttr(String name, float value) {
        return new Proto().string(ATTR_NAME, name).float32(ATTR_FLOAT, value).varint(ATTR_TYPE, 1);
    }

    private static Proto autoPad(Padding padding) {
        return stringAttr("auto_pad", padding == Padding.SAME ? "SAME_UPPER" : "VALID");
    }

    /** A float tensor {@code [1, size]}. */
    private static Proto vectorInfo(String name, int size) {
        Proto shape = new Proto()
                .message(SHAPE_DIM, new Proto().varint(DIM_VALUE, 1))
                .message(SHAPE_DIM, new Proto().varint(DIM_VALUE, size));
        Proto tensorType = new Proto().varint(TENSOR_TYPE_ELEM, FLOAT).message(TENSOR_TYPE_SHAPE, shape);
        return new Proto().string(VALUE_NAME, name).message(VALUE_TYPE, new Proto().message(TYPE_TENSOR, tensorType));
    }

    /**
     * A float tensor {@code [1, channels, height, width]} with named free sizes;
     * {@code channels < 0} leaves the channels free too.
     */
    private static Proto valueInfo(String name, String sizePrefix, int channels) {
        Proto shape = new Proto()
                .message(SHAPE_DIM, new Proto().varint(DIM_VALUE, 1))
                .message(
                        SHAPE_DIM,
                        channels > 0
                                ? new Proto().varint(DIM_VALUE, channels)
                                : new Proto().string(DIM_PARAM, sizePrefix + "channels"))
                .message(SHAPE_DIM, new Proto().string(DIM_PARAM, sizePrefix + "height"))
                .message(SHAPE_DIM, new Proto().string(DIM_PARAM, sizePrefix + "width"));
        Proto tensorType = new Proto().varint(TENSOR_TYPE_ELEM, FLOAT).message(TENSOR_TYPE_SHAPE, shape);
        return new Proto().string(VALUE_NAME, name).message(VALUE_TYPE, new Proto().message(TYPE_TENSOR, tensorType));
    }
}
