package io.nst.models;

import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feed-forward TFLite graphs as network descriptions: each operator becomes the layer that computes
 * the same thing in float (int8 and float16 weights expanded, quantize and dequantize steps
 * dropped), a skip connection ({@code ADD} of an earlier tensor) becomes a residual block. An
 * operator or option without an exact counterpart is refused with its name; nothing is
 * approximated.
 */
final class TfliteNetworks {

    private static final int ADD = 0;
    private static final int CONV_2D = 3;
    private static final int DEPTHWISE_CONV_2D = 4;
    private static final int DEQUANTIZE = 6;
    private static final int MEAN = 40;
    private static final int QUANTIZE = 114;

    /** The operator names of the codes this reader knows, for messages. */
    private static final Map<Integer, String> NAMES = Map.of(
            ADD, "ADD",
            CONV_2D, "CONV_2D",
            DEPTHWISE_CONV_2D, "DEPTHWISE_CONV_2D",
            DEQUANTIZE, "DEQUANTIZE",
            MEAN, "MEAN",
            QUANTIZE, "QUANTIZE");

    private final TfliteGraph graph;
    private final List<Layer> layers = new ArrayList<>();
    /** Where each activation tensor is produced: the number of layers before it. */
    private final Map<Integer, Integer> producedAt = new HashMap<>();

    private TfliteNetworks(TfliteGraph graph) {
        this.graph = graph;
    }

    /**
     * The graph from its first input (RGB in {@code [0, 1]}, NHWC in the file) to its first output,
     * named {@code name}, with that output as feature {@code output}.
     *
     * @throws IOException naming the operator or option that has no exact layer
     */
    static NetworkSpec convert(TfliteGraph graph, String name, String output) throws IOException {
        TfliteNetworks converter = new TfliteNetworks(graph);
        converter.producedAt.put(graph.inputs()[0], 0);
        for (TfliteGraph.Operator op : graph.operators()) {
            converter.add(op);
        }
        int last = graph.outputs()[0];
        if (!converter.producedAt.containsKey(last) || converter.producedAt.get(last) != converter.layers.size()) {
            throw new IOException(graph.source() + ": the output is not the last operator's result");
        }
        return new NetworkSpec(name, converter.layers, Map.of(output, converter.layers.size() - 1));
    }

    private void add(TfliteGraph.Operator op) throws IOException {
        switch (op.opcode()) {
            case QUANTIZE, DEQUANTIZE -> follow(op);
            case CONV_2D -> conv(op);
            case DEPTHWISE_CONV_2D -> depthwise(op);
            case ADD -> residual(op);
            case MEAN -> mean(op);
            default -> throw refuse(op, "an operator this reader does not know");
        }
    }

    /** In float, quantizing and dequantizing an activation changes nothing. */
    private void follow(TfliteGraph.Operator op) throws IOException {
        TfliteGraph.Tensor in = tensor(op.inputs()[0]);
        if (graph.isConstant(in)) {
            return; // a constant expanded for a later operator: read from its source there
        }
        producedAt.put(op.outputs()[0], position(in.index(), op));
    }

    private void conv(TfliteGraph.Operator op) throws IOException {
        requireLatest(op);
        TfliteGraph.Tensor w = tensor(op.inputs()[1]);
        int[] s = w.shape(); // OHWI
        int out = s[0];
        int kh = s[1];
        int kw = s[2];
        int in = s[3];
        float[] ohwi = constant(w, op);
        float[] oihw = new float[ohwi.length];
        for (int o = 0; o < out; o++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int i = 0; i < in; i++) {
                        oihw[((o * in + i) * kh + y) * kw + x] = ohwi[((o * kh + y) * kw + x) * in + i];
                    }
                }
            }
        }
        int stride = stride(op, 1, 2);
        requireNoDilation(op, 4, 5);
        layers.add(new Layer.Conv2d("op" + op.index(), in, out, kh, kw, stride, padding(op, 0), oihw, bias(op)));
        activation(op, 3);
    }

    private void depthwise(TfliteGraph.Operator op) throws IOException {
        requireLatest(op);
        TfliteGraph.Tensor w = tensor(op.inputs()[1]);
        int[] s = w.shape(); // [1, kh, kw, C]
        if (s[1] != s[2]) {
            throw refuse(op, "a non-square depthwise kernel " + s[1] + "x" + s[2]);
        }
        if (graph.intOption(op, 3, 4, 1) != 1) {
            throw refuse(op, "a depth multiplier other than 1");
        }
        int k = s[1];
        int c = s[3];
        float[] hwc = constant(w, op);
        float[] chw = new float[hwc.length];
        for (int y = 0; y < k; y++) {
            for (int x = 0; x < k; x++) {
                for (int ch = 0; ch < c; ch++) {
                    chw[(ch * k + y) * k + x] = hwc[(y * k + x) * c + ch];
                }
            }
        }
        int stride = stride(op, 1, 2);
        requireNoDilation(op, 5, 6);
        layers.add(new Layer.DepthwiseConv2d("op" + op.index(), c, k, stride, padding(op, 0), chw, bias(op)));
        activation(op, 4);
    }

    /** {@code ADD(latest, earlier)}: the layers since {@code earlier} become a residual block. */
    private void residual(TfliteGraph.Operator op) throws IOException {
        if (graph.intOption(op, 0, 1, 0) != 0) {
            throw refuse(op, "a fused activation after a skip connection");
        }
        int a = position(op.inputs()[0], op);
        int b = position(op.inputs()[1], op);
        int latest = layers.size();
        if (Math.max(a, b) != latest || Math.min(a, b) == latest) {
            throw refuse(op, "an addition that is not a skip around the layers before it");
        }
        int start = Math.min(a, b);
        List<Layer> body = new ArrayList<>(layers.subList(start, latest));
        layers.subList(start, latest).clear();
        producedAt.values().removeIf(p -> p > start);
        layers.add(new Layer.Residual("op" + op.index(), body));
        producedAt.put(op.outputs()[0], layers.size());
    }

    private void mean(TfliteGraph.Operator op) throws IOException {
        requireLatest(op);
        float[] axes = graph.values(tensor(op.inputs()[1]));
        if (axes.length != 2 || axes[0] != 1 || axes[1] != 2 || graph.intOption(op, 0, 1, 0) == 0) {
            throw refuse(op, "a mean other than over height and width with the dimensions kept");
        }
        layers.add(new Layer.SpatialMean("op" + op.index()));
        producedAt.put(op.outputs()[0], layers.size());
    }

    private void activation(TfliteGraph.Operator op, int slot) throws IOException {
        int fused = graph.intOption(op, slot, 1, 0);
        Layer.Activation.Kind kind =
                switch (fused) {
                    case 0 -> null;
                    case 1 -> Layer.Activation.Kind.RELU;
                    case 3 -> Layer.Activation.Kind.RELU6;
                    default -> throw refuse(op, "fused activation " + fused);
                };
        if (kind != null) {
            layers.add(new Layer.Activation("op" + op.index() + "/activation", kind, 0));
        }
        producedAt.put(op.outputs()[0], layers.size());
    }

    private float[] bias(TfliteGraph.Operator op) throws IOException {
        return op.inputs().length > 2 && op.inputs()[2] >= 0 ? constant(tensor(op.inputs()[2]), op) : null;
    }

    /** A constant operand, through a DEQUANTIZE if the graph expands it at run time. */
    private float[] constant(TfliteGraph.Tensor t, TfliteGraph.Operator user) throws IOException {
        if (graph.isConstant(t)) {
            return graph.values(t);
        }
        for (TfliteGraph.Operator op : graph.operators()) {
            if (op.opcode() == DEQUANTIZE && op.outputs()[0] == t.index()) {
                return graph.values(tensor(op.inputs()[0]));
            }
        }
        throw refuse(user, "a weight that is neither constant nor dequantized from a constant");
    }

    private Padding padding(TfliteGraph.Operator op, int slot) throws IOException {
        return graph.intOption(op, slot, 1, 0) == 0 ? Padding.SAME : Padding.VALID;
    }

    private int stride(TfliteGraph.Operator op, int widthSlot, int heightSlot) throws IOException {
        int w = graph.intOption(op, widthSlot, 4, 1);
        int h = graph.intOption(op, heightSlot, 4, 1);
        if (w != h) {
            throw refuse(op, "strides " + h + "x" + w);
        }
        return w;
    }

    private void requireNoDilation(TfliteGraph.Operator op, int widthSlot, int heightSlot) throws IOException {
        if (graph.intOption(op, widthSlot, 4, 1) != 1 || graph.intOption(op, heightSlot, 4, 1) != 1) {
            throw refuse(op, "a dilated convolution");
        }
    }

    /** The operator reads the latest activation: the graph is a chain apart from skips. */
    private void requireLatest(TfliteGraph.Operator op) throws IOException {
        if (position(op.inputs()[0], op) != layers.size()) {
            throw refuse(op, "a branch (its input is not the latest result)");
        }
    }

    private int position(int tensor, TfliteGraph.Operator op) throws IOException {
        Integer at = producedAt.get(tensor);
        if (at == null) {
            throw refuse(op, "an input computed nowhere before it (tensor " + tensor + ")");
        }
        return at;
    }

    private TfliteGraph.Tensor tensor(int index) {
        return graph.tensors().get(index);
    }

    private IOException refuse(TfliteGraph.Operator op, String what) {
        String name = NAMES.getOrDefault(op.opcode(), "operator code " + op.opcode());
        return new IOException(graph.source() + ": operator " + op.index() + " (" + name + ") has " + what
                + "; it cannot be converted exactly");
    }
}
