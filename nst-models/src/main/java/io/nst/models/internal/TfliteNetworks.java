package io.nst.models.internal;

import io.nst.net.Layer;
import io.nst.net.Layouts;
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
    private static final int LOGISTIC = 14;
    private static final int MUL = 18;
    private static final int MEAN = 40;
    private static final int SUB = 41;
    private static final int RSQRT = 76;
    private static final int RESIZE_NEAREST_NEIGHBOR = 97;
    private static final int SQUARED_DIFFERENCE = 99;
    private static final int MIRROR_PAD = 100;
    private static final int QUANTIZE = 114;

    /** The operator names of the codes this reader knows, for messages. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ADD, "ADD"),
            Map.entry(CONV_2D, "CONV_2D"),
            Map.entry(DEPTHWISE_CONV_2D, "DEPTHWISE_CONV_2D"),
            Map.entry(DEQUANTIZE, "DEQUANTIZE"),
            Map.entry(LOGISTIC, "LOGISTIC"),
            Map.entry(MUL, "MUL"),
            Map.entry(MEAN, "MEAN"),
            Map.entry(SUB, "SUB"),
            Map.entry(RSQRT, "RSQRT"),
            Map.entry(RESIZE_NEAREST_NEIGHBOR, "RESIZE_NEAREST_NEIGHBOR"),
            Map.entry(SQUARED_DIFFERENCE, "SQUARED_DIFFERENCE"),
            Map.entry(MIRROR_PAD, "MIRROR_PAD"),
            Map.entry(QUANTIZE, "QUANTIZE"));

    /**
     * A per-channel quantity of an instance norm of the activation {@code x} (its tensor), on the
     * way to the layer: the mean, the squared deviations, the variance, plus epsilon, its inverse
     * square root, times gamma ({@code scale}), the activation times scale, the mean times scale,
     * and beta minus that ({@code shift}).
     */
    private record Norm(Stage stage, int x, float epsilon, Dense gamma, Dense beta) {
        enum Stage {
            MEAN,
            SQUARED_DEVIATION,
            VARIANCE,
            VARIANCE_PLUS_EPSILON,
            INVERSE_DEVIATION,
            SCALE,
            SCALED,
            MEAN_SCALED,
            SHIFT
        }

        Norm next(Stage stage) {
            return new Norm(stage, x, epsilon, gamma, beta);
        }
    }

    /** A per-channel vector computed from the condition vector: {@code weight * condition + bias}. */
    private record Dense(float[] weight, float[] bias) {}

    private final TfliteGraph graph;
    private final List<Layer> layers = new ArrayList<>();
    /** Per-channel vectors computed from the condition (the style vector) by 1x1 convolutions. */
    private final Map<Integer, Dense> vectors = new HashMap<>();
    /** Instance-norm intermediates, by tensor. */
    private final Map<Integer, Norm> norms = new HashMap<>();
    /** Where each activation tensor is produced: the number of layers before it. */
    private final Map<Integer, Integer> producedAt = new HashMap<>();

    private TfliteNetworks(TfliteGraph graph) {
        this.graph = graph;
    }

    /**
     * The graph from its first input (RGB in {@code [0, 1]}, NHWC in the file) to its first output,
     * named {@code name}, with that output as feature {@code output}. A second input, a vector
     * ({@code [1, 1, 1, n]}) whose 1x1 convolutions give the gamma and beta of instance norms,
     * becomes the network's condition and those norms {@link Layer.ConditionalInstanceNorm}s.
     *
     * @throws IOException naming the operator or option that has no exact layer
     */
    static NetworkSpec convert(TfliteGraph graph, String name, String output) throws IOException {
        TfliteNetworks converter = new TfliteNetworks(graph);
        converter.producedAt.put(graph.inputs()[0], 0);
        for (TfliteGraph.Operator op : graph.operators()) {
            converter.dispatch(op);
        }
        int last = graph.outputs()[0];
        if (!converter.producedAt.containsKey(last) || converter.producedAt.get(last) != converter.layers.size()) {
            throw new IOException(graph.source() + ": the output is not the last operator's result");
        }
        return new NetworkSpec(name, converter.layers, Map.of(output, converter.layers.size() - 1));
    }

    private void dispatch(TfliteGraph.Operator op) throws IOException {
        switch (op.opcode()) {
            case QUANTIZE, DEQUANTIZE -> follow(op);
            case CONV_2D -> {
                if (graph.inputs().length > 1 && op.inputs()[0] == graph.inputs()[1]) {
                    conditionVector(op);
                } else {
                    conv(op);
                }
            }
            case DEPTHWISE_CONV_2D -> depthwise(op);
            case ADD -> add(op);
            case MEAN -> mean(op);
            case SQUARED_DIFFERENCE -> squaredDifference(op);
            case RSQRT -> normStep(op, Norm.Stage.VARIANCE_PLUS_EPSILON, Norm.Stage.INVERSE_DEVIATION);
            case MUL -> mul(op);
            case SUB -> sub(op);
            case MIRROR_PAD -> mirrorPad(op);
            case RESIZE_NEAREST_NEIGHBOR -> resize(op);
            case LOGISTIC -> {
                requireLatest(op);
                layers.add(new Layer.Activation("op" + op.index(), Layer.Activation.Kind.SIGMOID, 0));
                producedAt.put(op.outputs()[0], layers.size());
            }
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
        float[] oihw = Layouts.ohwiToOihw(constant(w, op), out, kh, kw, in);
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
        float[] chw = Layouts.hwcToChw(constant(w, op), k, k, c);
        int stride = stride(op, 1, 2);
        requireNoDilation(op, 5, 6);
        layers.add(new Layer.DepthwiseConv2d("op" + op.index(), c, k, stride, padding(op, 0), chw, bias(op)));
        activation(op, 4);
    }

    /** An addition: a skip connection, epsilon to a variance, or the last step of an instance norm. */
    private void add(TfliteGraph.Operator op) throws IOException {
        Norm a = norms.get(op.inputs()[0]);
        Norm b = norms.get(op.inputs()[1]);
        if (a != null && a.stage() == Norm.Stage.VARIANCE && b == null) {
            float[] epsilon = constant(tensor(op.inputs()[1]), op);
            if (epsilon.length != 1 || graph.intOption(op, 0, 1, 0) != 0) {
                throw refuse(op, "an addition to a variance that is not of one epsilon");
            }
            norms.put(op.outputs()[0], new Norm(Norm.Stage.VARIANCE_PLUS_EPSILON, a.x(), epsilon[0], null, null));
            return;
        }
        if (a != null && b != null) {
            Norm scaled = a.stage() == Norm.Stage.SCALED ? a : b;
            Norm shift = a.stage() == Norm.Stage.SCALED ? b : a;
            if (scaled.stage() != Norm.Stage.SCALED || shift.stage() != Norm.Stage.SHIFT || scaled.x() != shift.x()) {
                throw refuse(op, "an addition of instance-norm parts that do not belong together");
            }
            if (position(shift.x(), op) != layers.size()) {
                throw refuse(op, "an instance norm of an activation that is not the latest");
            }
            Dense gamma = shift.gamma();
            Dense beta = shift.beta();
            int channels = gamma.bias().length;
            if (beta.bias().length != channels) {
                throw refuse(op, "an instance norm with " + channels + " gammas and " + beta.bias().length + " betas");
            }
            layers.add(new Layer.ConditionalInstanceNorm(
                    "op" + op.index(),
                    channels,
                    gamma.weight().length / channels,
                    gamma.weight(),
                    gamma.bias(),
                    beta.weight(),
                    beta.bias(),
                    shift.epsilon()));
            activation(op, 0);
            return;
        }
        residual(op);
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

    /**
     * A mean over height and width: of squared deviations, an instance norm's variance; of an
     * activation, either an instance norm's mean or a spatial-mean layer, whichever its users say.
     */
    private void mean(TfliteGraph.Operator op) throws IOException {
        float[] axes = graph.values(tensor(op.inputs()[1]));
        if (axes.length != 2 || axes[0] != 1 || axes[1] != 2 || graph.intOption(op, 0, 1, 0) == 0) {
            throw refuse(op, "a mean other than over height and width with the dimensions kept");
        }
        Norm deviations = norms.get(op.inputs()[0]);
        if (deviations != null) {
            normStep(op, Norm.Stage.SQUARED_DEVIATION, Norm.Stage.VARIANCE);
            return;
        }
        position(op.inputs()[0], op);
        norms.put(op.outputs()[0], new Norm(Norm.Stage.MEAN, op.inputs()[0], 0, null, null));
    }

    private void squaredDifference(TfliteGraph.Operator op) throws IOException {
        int x = op.inputs()[0];
        Norm mean = norms.get(op.inputs()[1]);
        if (mean == null || mean.stage() != Norm.Stage.MEAN || mean.x() != x) {
            throw refuse(op, "a squared difference other than from an activation's own mean");
        }
        norms.put(op.outputs()[0], mean.next(Norm.Stage.SQUARED_DEVIATION));
    }

    /** The one-operand step of an instance norm from {@code from} to {@code to}. */
    private void normStep(TfliteGraph.Operator op, Norm.Stage from, Norm.Stage to) throws IOException {
        Norm in = norms.get(op.inputs()[0]);
        if (in == null || in.stage() != from) {
            throw refuse(
                    op,
                    "an operand that is not an instance norm's " + from.name().toLowerCase());
        }
        norms.put(op.outputs()[0], in.next(to));
    }

    /** Inverse deviation times gamma; activation times scale; mean times scale. */
    private void mul(TfliteGraph.Operator op) throws IOException {
        int first = op.inputs()[0];
        int second = op.inputs()[1];
        Norm a = norms.get(first);
        Norm b = norms.get(second);
        if (graph.intOption(op, 0, 1, 0) != 0) {
            throw refuse(op, "a fused activation inside an instance norm");
        }
        if (a != null && a.stage() == Norm.Stage.INVERSE_DEVIATION && vectors.containsKey(second)) {
            norms.put(op.outputs()[0], new Norm(Norm.Stage.SCALE, a.x(), a.epsilon(), vectors.get(second), null));
        } else if (b != null && b.stage() == Norm.Stage.SCALE && a == null && first == b.x()) {
            norms.put(op.outputs()[0], b.next(Norm.Stage.SCALED));
        } else if (a != null && b != null && a.stage() == Norm.Stage.MEAN && b.stage() == Norm.Stage.SCALE) {
            norms.put(op.outputs()[0], b.next(Norm.Stage.MEAN_SCALED));
        } else {
            throw refuse(op, "a product that is not a step of a conditional instance norm");
        }
    }

    /** Beta minus mean times scale. */
    private void sub(TfliteGraph.Operator op) throws IOException {
        Dense beta = vectors.get(op.inputs()[0]);
        Norm meanScaled = norms.get(op.inputs()[1]);
        if (beta == null
                || meanScaled == null
                || meanScaled.stage() != Norm.Stage.MEAN_SCALED
                || graph.intOption(op, 0, 1, 0) != 0) {
            throw refuse(op, "a difference that is not beta minus an instance norm's mean times scale");
        }
        norms.put(
                op.outputs()[0],
                new Norm(Norm.Stage.SHIFT, meanScaled.x(), meanScaled.epsilon(), meanScaled.gamma(), beta));
    }

    /** A 1x1 convolution of the condition vector: a dense layer of a conditional instance norm. */
    private void conditionVector(TfliteGraph.Operator op) throws IOException {
        TfliteGraph.Tensor w = tensor(op.inputs()[1]);
        int out = w.shape()[0];
        int size = tensor(graph.inputs()[1]).shape()[3];
        if (w.shape()[1] != 1 || w.shape()[2] != 1 || w.shape()[3] != size) {
            throw refuse(op, "a convolution of the condition vector that is not 1x1 over its " + size + " values");
        }
        if (graph.intOption(op, 3, 1, 0) != 0) {
            throw refuse(op, "a fused activation on the condition vector");
        }
        float[] bias = bias(op);
        vectors.put(op.outputs()[0], new Dense(constant(w, op), bias == null ? new float[out] : bias));
    }

    private void mirrorPad(TfliteGraph.Operator op) throws IOException {
        requireLatest(op);
        if (graph.intOption(op, 0, 1, 0) != 0) {
            throw refuse(op, "SYMMETRIC mirror padding");
        }
        float[] p = graph.values(tensor(op.inputs()[1])); // [[n], [h], [w], [c]] before and after
        if (p.length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) {
            throw refuse(op, "padding outside height and width");
        }
        layers.add(new Layer.MirrorPad("op" + op.index(), (int) p[2], (int) p[3], (int) p[4], (int) p[5]));
        producedAt.put(op.outputs()[0], layers.size());
    }

    /**
     * A nearest resize, as the ratio of its output to its input in the file: the sizes are baked
     * for one input size, the ratio holds for all.
     */
    private void resize(TfliteGraph.Operator op) throws IOException {
        requireLatest(op);
        if (graph.intOption(op, 0, 1, 0) != 0 || graph.intOption(op, 1, 1, 0) != 0) {
            throw refuse(op, "aligned corners or half-pixel centres");
        }
        int[] in = tensor(op.inputs()[0]).shape();
        int[] out = tensor(op.outputs()[0]).shape();
        int factor = out[1] / in[1];
        if (factor < 1 || out[1] != factor * in[1] || out[2] != factor * in[2]) {
            throw refuse(
                    op,
                    "a resize from " + in[1] + "x" + in[2] + " to " + out[1] + "x" + out[2]
                            + " that is not a whole factor");
        }
        if (factor > 1) {
            layers.add(new Layer.NearestUpsample("op" + op.index(), factor));
        }
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
        Norm mean = norms.get(tensor);
        if (mean != null && mean.stage() == Norm.Stage.MEAN && !producedAt.containsKey(tensor)) {
            // A mean used as an activation (the predictor's pooling), not as part of a norm.
            if (position(mean.x(), op) != layers.size()) {
                throw refuse(op, "a spatial mean of an activation that is not the latest");
            }
            layers.add(new Layer.SpatialMean("mean" + tensor));
            producedAt.put(tensor, layers.size());
        }
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
