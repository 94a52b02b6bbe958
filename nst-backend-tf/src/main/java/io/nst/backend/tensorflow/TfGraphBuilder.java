package io.nst.backend.tensorflow;

import io.nst.net.Layer;
import io.nst.net.Layouts;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import io.nst.net.PhasedConvolution;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds a {@link NetworkSpec} as a TensorFlow graph with TF-Java's ops. TensorFlow's CPU
 * convolutions want channels last, so the graph takes and gives channels first (the SPI's
 * layout) and transposes once at each end; {@code SAME} padding is TensorFlow's own.
 */
final class TfGraphBuilder {

    static final String INPUT = "input";
    static final String CONDITION = "condition";
    static final String OUTPUT = "output";

    private final Ops tf;
    private final Placeholder<TFloat32> condition;

    private TfGraphBuilder(Graph graph, int conditionSize) {
        this.tf = Ops.create(graph);
        this.condition = conditionSize == 0
                ? null
                : tf.withName(CONDITION).placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, conditionSize)));
    }

    /**
     * The input placeholder ({@code [1, C, H, W]}, C the network's {@link
     * NetworkSpec#inputChannels()}, left open when no layer fixes it), the condition placeholder ({@code [1, S]}, for
     * a conditional network, else null) and output ({@code [1, C, H', W']}) of {@code network} in
     * {@code graph}.
     */
    static Endpoints build(Graph graph, NetworkSpec network) {
        TfGraphBuilder b = new TfGraphBuilder(graph, network.conditionSize());
        Placeholder<TFloat32> input = b.tf.withName(INPUT)
                .placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, network.inputChannels(), -1, -1)));
        Operand<TFloat32> x = b.tf.linalg.transpose(input, b.tf.constant(new int[] {0, 2, 3, 1}));
        for (Layer layer : network.layers()) {
            x = b.layer(layer, x);
        }
        Operand<TFloat32> output = b.tf.withName(OUTPUT).linalg.transpose(x, b.tf.constant(new int[] {0, 3, 1, 2}));
        return new Endpoints(input, b.condition, output);
    }

    record Endpoints(Placeholder<TFloat32> input, Placeholder<TFloat32> condition, Operand<TFloat32> output) {}

    private Operand<TFloat32> layer(Layer layer, Operand<TFloat32> x) {
        if (layer instanceof Layer.InputNormalization n) {
            return layer(n.asConvolution(), x);
        } else if (layer instanceof Layer.Conv2d c) {
            if (PhasedConvolution.suits(c)) {
                return phased(PhasedConvolution.of(c), x);
            }
            Operand<TFloat32> y = tf.nn.conv2d(
                    x, kernel(c), List.of(1L, (long) c.stride(), (long) c.stride(), 1L), padding(c.padding()));
            return c.bias() == null ? y : tf.nn.biasAdd(y, constant(c.bias(), c.outChannels()));
        } else if (layer instanceof Layer.TransposedConv2d t) {
            // TensorFlow's filter for conv2d_transpose is [kh, kw, out, in].
            Operand<TFloat32> kernel = constant(
                    Layouts.oihwToHwio(t.weight(), t.inChannels(), t.outChannels(), t.kernel(), t.kernel()),
                    t.kernel(),
                    t.kernel(),
                    t.outChannels(),
                    t.inChannels());
            int s = t.stride();
            Operand<TInt32> outputShape = tf.math.add(
                    tf.math.mul(tf.shape(x), tf.constant(new int[] {1, s, s, 0})),
                    tf.constant(new int[] {0, 0, 0, t.outChannels()}));
            return tf.nn.conv2dBackpropInput(outputShape, kernel, x, List.of(1L, (long) s, (long) s, 1L), "SAME");
        } else if (layer instanceof Layer.DepthwiseConv2d d) {
            // TensorFlow's depthwise filter is [kh, kw, channels, multiplier].
            int k = d.kernel();
            float[] hwc = Layouts.oihwToHwio(d.weight(), d.channels(), 1, k, k);
            Operand<TFloat32> y = tf.nn.depthwiseConv2dNative(
                    x,
                    constant(hwc, k, k, d.channels(), 1),
                    List.of(1L, (long) d.stride(), (long) d.stride(), 1L),
                    padding(d.padding()));
            return d.bias() == null ? y : tf.nn.biasAdd(y, constant(d.bias(), d.channels()));
        } else if (layer instanceof Layer.SpatialMean) {
            return tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
        } else if (layer instanceof Layer.MirrorPad m) {
            return tf.mirrorPad(
                    x,
                    tf.constant(new int[][] {{0, 0}, {m.top(), m.bottom()}, {m.left(), m.right()}, {0, 0}}),
                    "REFLECT");
        } else if (layer instanceof Layer.NearestUpsample u) {
            Operand<TInt32> size = tf.math.mul(
                    tf.slice(tf.shape(x), tf.constant(new int[] {1}), tf.constant(new int[] {2})),
                    tf.constant(new int[] {u.factor(), u.factor()}));
            return tf.image.resizeNearestNeighbor(x, size);
        } else if (layer instanceof Layer.Activation a) {
            return switch (a.kind()) {
                case RELU -> tf.nn.relu(x);
                case RELU6 -> tf.nn.relu6(x);
                case SIGMOID -> tf.math.sigmoid(x);
                case LEAKY_RELU -> tf.nn.leakyRelu(x, LeakyRelu.alpha(a.slope()));
            };
        } else if (layer instanceof Layer.MaxPool p) {
            return tf.nn.maxPool(
                    x,
                    tf.constant(new int[] {1, p.size(), p.size(), 1}),
                    tf.constant(new int[] {1, p.stride(), p.stride(), 1}),
                    padding(p.padding()));
        } else if (layer instanceof Layer.InstanceNorm n) {
            return instanceNorm(
                    x, n.epsilon(), constant(n.gamma(), n.gamma().length), constant(n.beta(), n.beta().length));
        } else if (layer instanceof Layer.ConditionalInstanceNorm n) {
            return instanceNorm(
                    x,
                    n.epsilon(),
                    perChannel(n, n.gammaWeight(), n.gammaBias()),
                    perChannel(n, n.betaWeight(), n.betaBias()));
        } else if (layer instanceof Layer.ChannelAffine a) {
            return tf.math.add(
                    tf.math.mul(x, constant(a.scale(), a.scale().length)), constant(a.shift(), a.shift().length));
        } else if (layer instanceof Layer.Residual r) {
            Operand<TFloat32> y = x;
            for (Layer inner : r.body()) {
                y = layer(inner, y);
            }
            return tf.math.add(x, y);
        } else if (layer instanceof Layer.ScaledTanh t) {
            return tf.math.add(tf.math.mul(tf.math.tanh(x), tf.constant(t.scale())), tf.constant(t.offset()));
        }
        throw new IllegalArgumentException("no TensorFlow form for " + layer);
    }

    /**
     * A convolution in phases (see {@link PhasedConvolution}): TensorFlow's own CPU convolution
     * of the wave network's 9x9 picture layer took 280-300 ms at 512 px for its 3 channels, and
     * 100 ms for 12 at a quarter of the positions.
     */
    private Operand<TFloat32> phased(PhasedConvolution phased, Operand<TFloat32> x) {
        Layer.Conv2d blocks = phased.blocks();
        Operand<TFloat32> y = tf.nn.conv2d(
                x,
                kernel(blocks),
                List.of(1L, 2L, 2L, 1L),
                "EXPLICIT",
                Conv2d.explicitPaddings(
                        0L,
                        0L,
                        (long) phased.top(),
                        (long) phased.bottom(),
                        (long) phased.left(),
                        (long) phased.right(),
                        0L,
                        0L));
        if (blocks.bias() != null) {
            y = tf.nn.biasAdd(y, constant(blocks.bias(), blocks.outChannels()));
        }
        Operand<TFloat32> spread = tf.nn.depthToSpace(y, 2L);
        Operand<TInt32> size = tf.concat(
                List.of(
                        tf.constant(new int[] {-1}),
                        tf.math.add(
                                tf.slice(tf.shape(x), tf.constant(new int[] {1}), tf.constant(new int[] {2})),
                                tf.constant(new int[] {phased.heightChange(), phased.widthChange()})),
                        tf.constant(new int[] {-1})),
                tf.constant(0));
        return tf.slice(spread, tf.constant(new int[] {0, 0, 0, 0}), size);
    }

    /** {@code c}'s kernel as TensorFlow's convolutions take it, {@code [kh, kw, in, out]}. */
    private Operand<TFloat32> kernel(Layer.Conv2d c) {
        return constant(
                Layouts.oihwToHwio(c.weight(), c.outChannels(), c.inChannels(), c.kernelHeight(), c.kernelWidth()),
                c.kernelHeight(),
                c.kernelWidth(),
                c.inChannels(),
                c.outChannels());
    }

    private Operand<TFloat32> instanceNorm(
            Operand<TFloat32> x, float epsilon, Operand<TFloat32> gamma, Operand<TFloat32> beta) {
        Operand<TInt32> spatial = tf.constant(new int[] {1, 2});
        Operand<TFloat32> mean = tf.math.mean(x, spatial, Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), spatial, Mean.keepDims(true));
        Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon))), gamma);
        return tf.math.add(tf.math.mul(centred, scale), beta);
    }

    /** {@code weight * condition + bias} of a conditional norm, shaped {@code [1, 1, 1, C]} (channels last). */
    private Operand<TFloat32> perChannel(Layer.ConditionalInstanceNorm n, float[] weight, float[] bias) {
        Operand<TFloat32> row = tf.linalg.matMul(
                condition,
                constant(Layouts.transpose(weight, n.channels(), n.conditionSize()), n.conditionSize(), n.channels()));
        return tf.reshape(
                tf.math.add(row, constant(bias, n.channels())), tf.constant(new int[] {1, 1, 1, n.channels()}));
    }

    private Operand<TFloat32> constant(float[] values, long... shape) {
        return tf.constant(Shape.of(shape), DataBuffers.of(values));
    }

    private static String padding(Padding padding) {
        return padding == Padding.SAME ? "SAME" : "VALID";
    }
}
