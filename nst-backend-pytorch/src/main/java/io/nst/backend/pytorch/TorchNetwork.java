package io.nst.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import io.nst.net.Layer;
import io.nst.net.Layouts;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import io.nst.net.PhasedConvolution;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NetworkSpec} compiled to DJL PyTorch operations, weights resident on one device.
 * Differentiable with respect to its input through DJL's gradient collector.
 */
final class TorchNetwork {

    /** A compiled layer: NCHW in, NCHW out; {@code condition} is the network's {@code [1, S]} condition vector, or null. */
    private interface Op {
        NDArray apply(NDArray x, NDArray condition);
    }

    private final NetworkSpec spec;
    private final List<Op> ops = new ArrayList<>();
    private final NDManager manager;
    private final DataType type;
    private final boolean trainable;
    private final List<NDArray> parameters = new ArrayList<>();

    /** Compiles {@code spec}; weights are created in {@code manager} with type {@code type}. */
    TorchNetwork(NetworkSpec spec, NDManager manager, DataType type) {
        this(spec, manager, type, false);
    }

    /**
     * @param trainable whether the weights are leaves that collect gradients, listed by
     *     {@link #parameters()} in {@link io.nst.net.Parameters} order
     */
    TorchNetwork(NetworkSpec spec, NDManager manager, DataType type, boolean trainable) {
        this.spec = spec;
        this.manager = manager;
        this.type = type;
        this.trainable = trainable;
        for (Layer layer : spec.layers()) {
            ops.add(compile(layer));
        }
    }

    /** The learnable weights, in {@link io.nst.net.Parameters} order (empty unless trainable). */
    List<NDArray> parameters() {
        return parameters;
    }

    private NDArray parameter(float[] values, Shape shape) {
        NDArray array = TorchArrays.of(manager, values, shape, type);
        if (trainable) {
            array.setRequiresGradient(true);
            parameters.add(array);
        }
        return array;
    }

    NetworkSpec spec() {
        return spec;
    }

    /**
     * Runs the network on {@code input} ({@code [1, 3, H, W]}) as far as the deepest requested
     * layer and returns those layers' outputs, in the order of {@code layerIndices}.
     */
    NDArray[] forward(NDArray input, int[] layerIndices) {
        return forward(input, null, layerIndices);
    }

    /**
     * The same for a network with a condition vector ({@link NetworkSpec#conditionSize()} values
     * as {@code [1, S]}; null for a network without).
     */
    NDArray[] forward(NDArray input, NDArray condition, int[] layerIndices) {
        int last = -1;
        for (int i : layerIndices) {
            last = Math.max(last, i);
        }
        NDArray[] byLayer = new NDArray[last + 1];
        NDArray x = input;
        for (int i = 0; i <= last; i++) {
            x = ops.get(i).apply(x, condition);
            byLayer[i] = x;
        }
        NDArray[] outputs = new NDArray[layerIndices.length];
        for (int k = 0; k < layerIndices.length; k++) {
            outputs[k] = byLayer[layerIndices[k]];
        }
        return outputs;
    }

    private Op compile(Layer layer) {
        if (layer instanceof Layer.Conv2d c) {
            Op plain = convolution(
                    c,
                    parameter(
                            c.weight(), new Shape(c.outChannels(), c.inChannels(), c.kernelHeight(), c.kernelWidth())),
                    c.bias() == null ? null : parameter(c.bias(), new Shape(c.outChannels())));
            return trainable || !PhasedConvolution.suits(c) ? plain : phased(PhasedConvolution.of(c), plain);
        } else if (layer instanceof Layer.DepthwiseConv2d d) {
            int k = d.kernel();
            Layer.Conv2d perChannel =
                    new Layer.Conv2d(d.name(), 1, d.channels(), k, k, d.stride(), d.padding(), d.weight(), d.bias());
            return convolution(
                    perChannel,
                    d.channels(),
                    constant(d.weight(), new Shape(d.channels(), 1, k, k)),
                    d.bias() == null ? null : constant(d.bias(), new Shape(d.channels())));
        } else if (layer instanceof Layer.SpatialMean) {
            return (x, condition) -> x.mean(new int[] {3}, true).mean(new int[] {2}, true);
        } else if (layer instanceof Layer.MirrorPad m) {
            return (x, condition) -> reflect(reflect(x, 3, m.left(), m.right()), 2, m.top(), m.bottom());
        } else if (layer instanceof Layer.NearestUpsample u) {
            return (x, condition) -> x.repeat(2, u.factor()).repeat(3, u.factor());
        } else if (layer instanceof Layer.Activation a) {
            return switch (a.kind()) {
                case RELU -> (x, condition) -> Activation.relu(x);
                case SIGMOID -> (x, condition) -> Activation.sigmoid(x);
                case RELU6 -> {
                    NDArray six = constant(6f);
                    yield (x, condition) -> Activation.relu(x).minimum(six);
                }
                case LEAKY_RELU -> (x, condition) -> Activation.leakyRelu(x, a.slope());
            };
        } else if (layer instanceof Layer.MaxPool p) {
            return maxPool(p);
        } else if (layer instanceof Layer.InputNormalization n) {
            // A fixed preprocessing map, never learnt.
            Layer.Conv2d c = n.asConvolution();
            return convolution(
                    c,
                    constant(c.weight(), new Shape(c.outChannels(), 3, 1, 1)),
                    constant(c.bias(), new Shape(c.outChannels())));
        } else if (layer instanceof Layer.InstanceNorm n) {
            return instanceNorm(
                    n.epsilon(),
                    parameter(n.gamma(), new Shape(1, n.gamma().length, 1, 1)),
                    parameter(n.beta(), new Shape(1, n.beta().length, 1, 1)));
        } else if (layer instanceof Layer.ConditionalInstanceNorm n) {
            Shape weights = new Shape(n.conditionSize(), n.channels());
            Shape biases = new Shape(1, n.channels());
            Shape perChannel = new Shape(1, n.channels(), 1, 1);
            NDArray gammaWeight =
                    constant(Layouts.transpose(n.gammaWeight(), n.channels(), n.conditionSize()), weights);
            NDArray gammaBias = constant(n.gammaBias(), biases);
            NDArray betaWeight = constant(Layouts.transpose(n.betaWeight(), n.channels(), n.conditionSize()), weights);
            NDArray betaBias = constant(n.betaBias(), biases);
            return (x, condition) -> {
                // The condition first: results belong to its manager, the call's scope.
                NDArray gamma = condition.matMul(gammaWeight).add(gammaBias).reshape(perChannel);
                NDArray beta = condition.matMul(betaWeight).add(betaBias).reshape(perChannel);
                return instanceNorm(n.epsilon(), gamma, beta).apply(x, condition);
            };
        } else if (layer instanceof Layer.TransposedConv2d t) {
            return transposedConvolution(
                    t, parameter(t.weight(), new Shape(t.inChannels(), t.outChannels(), t.kernel(), t.kernel())));
        } else if (layer instanceof Layer.Residual r) {
            List<Op> body = new ArrayList<>();
            for (Layer inner : r.body()) {
                body.add(compile(inner));
            }
            return (x, condition) -> {
                NDArray y = x;
                for (Op op : body) {
                    y = op.apply(y, condition);
                }
                return x.add(y);
            };
        } else if (layer instanceof Layer.ChannelAffine a) {
            NDArray scale = parameter(a.scale(), new Shape(1, a.scale().length, 1, 1));
            NDArray shift = parameter(a.shift(), new Shape(1, a.shift().length, 1, 1));
            return (x, condition) -> x.mul(scale).add(shift);
        } else if (layer instanceof Layer.ScaledTanh t) {
            NDArray scale = constant(t.scale());
            NDArray offset = constant(t.offset());
            return (x, condition) -> x.tanh().mul(scale).add(offset);
        }
        throw new IllegalArgumentException("the PyTorch backend cannot compile " + layer);
    }

    private NDArray constant(float[] values, Shape shape) {
        return TorchArrays.of(manager, values, shape, type);
    }

    private NDArray constant(float value) {
        return constant(new float[] {value}, new Shape());
    }

    /**
     * A convolution in phases (see {@link PhasedConvolution}) where no gradient is recorded:
     * oneDNN's 9x9 convolution of the wave network's picture layer took 82-94 ms at 512 px for its
     * 3 channels and 42 ms for 12 at a quarter of the positions. With gradients, {@code plain}
     * runs: the 12 channels do not fill a block either (see {@link #CHANNEL_BLOCK}).
     */
    private Op phased(PhasedConvolution phased, Op plain) {
        Layer.Conv2d blocks = phased.blocks();
        NDArray weight = constant(
                blocks.weight(),
                new Shape(blocks.outChannels(), blocks.inChannels(), blocks.kernelHeight(), blocks.kernelWidth()));
        NDArray bias = blocks.bias() == null ? null : constant(blocks.bias(), new Shape(blocks.outChannels()));
        int channels = blocks.outChannels() / 4;
        return (x, condition) -> {
            if (TorchAutograd.isRecording()) {
                return plain.apply(x, condition);
            }
            long height = x.getShape().get(2) + phased.heightChange();
            long width = x.getShape().get(3) + phased.widthChange();
            NDArray y;
            if (height % 2 == 0 && width % 2 == 0) {
                // An even output never reads the extra zero row and column after: the
                // convolution's own padding, the same on both sides, serves.
                y = conv2d(x, weight, bias, new Shape(2, 2), new Shape(phased.top(), phased.left()), 1);
            } else {
                NDArray padded = x.pad(new Shape(phased.left(), phased.right(), phased.top(), phased.bottom()), 0);
                y = conv2d(padded, weight, bias, new Shape(2, 2), new Shape(0, 0), 1);
            }
            long rows = y.getShape().get(2);
            long columns = y.getShape().get(3);
            // DepthToSpace in TensorFlow's order: channel (dy * 2 + dx) * C + c.
            NDArray spread = y.reshape(1, 2, 2, channels, rows, columns)
                    .transpose(0, 3, 4, 1, 5, 2)
                    .reshape(1, channels, 2 * rows, 2 * columns);
            return spread.get(":, :, :" + height + ", :" + width);
        };
    }

    private static Op convolution(Layer.Conv2d c, NDArray weight, NDArray bias) {
        return convolution(c, 1, weight, bias);
    }

    /** {@code c}'s geometry (kernel, stride, padding) with {@code groups} groups of channels. */
    private static Op convolution(Layer.Conv2d c, int groups, NDArray weight, NDArray bias) {
        Shape stride = new Shape(c.stride(), c.stride());
        return (x, condition) -> {
            int h = (int) x.getShape().get(2);
            int w = (int) x.getShape().get(3);
            Padding p = c.padding();
            int top = p.before(h, c.kernelHeight(), c.stride());
            int bottom = p.after(h, c.kernelHeight(), c.stride());
            int left = p.before(w, c.kernelWidth(), c.stride());
            int right = p.after(w, c.kernelWidth(), c.stride());
            if (top == bottom && left == right) {
                return conv2d(x, weight, bias, stride, new Shape(top, left), groups);
            }
            NDArray padded = x.pad(new Shape(left, right, top, bottom), 0);
            return conv2d(padded, weight, bias, stride, new Shape(0, 0), groups);
        };
    }

    /**
     * oneDNN's convolutions store channels in blocks of 8 or 16 (by instruction set). When the
     * output channels do not fill the last block, its backward pass towards the input reads memory
     * in the unfilled part that nobody wrote: the input's gradient then depends on what was there
     * before, NaN included (measured on an AMD EPYC with AVX-512, 16 to 3 channels, 9x9, 64x64,
     * two threads: NaN in 6 passes of 60, other bytes in 2 more; trainings stopped with a
     * non-finite gradient). So while gradients are recorded, such a convolution runs with a whole
     * block of output channels, the extra ones with zero weights, and keeps the real ones: the
     * same convolution up to rounding (oneDNN may sum in another order), at the cost of the extra
     * channels.
     */
    private static final int CHANNEL_BLOCK = 16;

    private static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding, int groups) {
        Shape dilation = new Shape(1, 1);
        long outChannels = weight.getShape().get(0);
        long missing = (CHANNEL_BLOCK - outChannels % CHANNEL_BLOCK) % CHANNEL_BLOCK;
        if (groups != 1 || missing == 0 || !TorchAutograd.isRecording()) {
            return Conv2d.conv2d(x, weight, bias, stride, padding, dilation, groups)
                    .singletonOrThrow();
        }
        // The zeros first: a result belongs to its first operand's manager, the call's scope.
        NDManager scope = x.getManager();
        Shape kernel = weight.getShape();
        NDArray filled = scope.zeros(
                        new Shape(missing, kernel.get(1), kernel.get(2), kernel.get(3)), weight.getDataType())
                .concat(weight, 0);
        NDArray filledBias = bias == null
                ? null
                : scope.zeros(new Shape(missing), bias.getDataType()).concat(bias, 0);
        NDArray y = Conv2d.conv2d(x, filled, filledBias, stride, padding, dilation, 1)
                .singletonOrThrow();
        return y.get(":, " + missing + ":");
    }

    /**
     * Reflection padding along {@code axis} (2 or 3), the edge not repeated: the {@code before}
     * neighbours of the first element, mirrored, then the tensor, then the {@code after}
     * neighbours of the last, mirrored.
     */
    private static NDArray reflect(NDArray x, int axis, int before, int after) {
        if (before == 0 && after == 0) {
            return x;
        }
        long size = x.getShape().get(axis);
        String prefix = axis == 2 ? ":, :, " : ":, :, :, ";
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(x.get(prefix + "1:" + (before + 1)).flip(axis));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(x.get(prefix + (size - 1 - after) + ":" + (size - 1)).flip(axis));
        }
        return NDArrays.concat(parts, axis);
    }

    private static Op maxPool(Layer.MaxPool p) {
        Shape kernel = new Shape(p.size(), p.size());
        Shape stride = new Shape(p.stride(), p.stride());
        Shape none = new Shape(0, 0);
        if (p.padding() == Padding.VALID) {
            return (x, condition) -> Pool.maxPool2d(x, kernel, stride, none, false);
        }
        return (x, condition) -> {
            int h = (int) x.getShape().get(2);
            int w = (int) x.getShape().get(3);
            int top = p.padding().before(h, p.size(), p.stride());
            int left = p.padding().before(w, p.size(), p.stride());
            if (top == 0 && left == 0) {
                // TF "SAME" pads only after; PyTorch's ceil mode drops the same out-of-range cells.
                return Pool.maxPool2d(x, kernel, stride, none, true);
            }
            NDArray padded = x.pad(
                    new Shape(
                            left,
                            p.padding().after(w, p.size(), p.stride()),
                            top,
                            p.padding().after(h, p.size(), p.stride())),
                    Float.NEGATIVE_INFINITY);
            return Pool.maxPool2d(padded, kernel, stride, none, false);
        };
    }

    /**
     * Statistics per image and channel over all positions, biased variance: PyTorch's batch norm
     * in training mode over the images as channels of one, which is instance norm. One native
     * pass instead of ten tensor-wide operations (measured: those made the fast network at 1024 px
     * take 15 s against 5 s in its convolutions).
     */
    private static Op instanceNorm(float epsilon, NDArray gamma, NDArray beta) {
        return (x, condition) -> {
            Shape shape = x.getShape();
            long images = shape.get(0);
            long channels = shape.get(1);
            if (shape.get(2) * shape.get(3) == 1) {
                // Batch norm refuses one value per channel; centred, a lone value is 0.
                return x.sub(x).mul(gamma).add(beta);
            }
            NDManager scope = x.getManager();
            // Activations first: results belong to the operand's manager, so each call's scope frees them.
            NDArray asOne = x.reshape(1, images * channels, shape.get(2), shape.get(3));
            NDArray scale = scope.zeros(new Shape(images, channels), gamma.getDataType())
                    .add(gamma.reshape(1, channels));
            NDArray shift =
                    scope.zeros(new Shape(images, channels), beta.getDataType()).add(beta.reshape(1, channels));
            NDArray normalised = ai.djl.nn.norm.BatchNorm.batchNorm(
                            asOne,
                            scope.zeros(new Shape(images * channels), x.getDataType()),
                            scope.ones(new Shape(images * channels), x.getDataType()),
                            scale.reshape(images * channels),
                            shift.reshape(images * channels),
                            1,
                            0f,
                            epsilon,
                            true)
                    .singletonOrThrow();
            return normalised.reshape(shape);
        };
    }

    /**
     * PyTorch through DJL has no transposed convolution, so: insert {@code stride - 1} zeros
     * between input pixels, pad, and run an ordinary convolution with the kernel flipped and
     * its channel axes swapped. Exact; four times the work of the real thing at stride 2.
     */
    private static Op transposedConvolution(Layer.TransposedConv2d t, NDArray weight) {
        int k = t.kernel();
        int s = t.stride();
        return (x, condition) -> {
            int h = (int) x.getShape().get(2);
            int w = (int) x.getShape().get(3);
            int outH = h * s;
            int outW = w * s;
            int top = Padding.SAME.before(outH, k, s);
            int left = Padding.SAME.before(outW, k, s);
            NDArray spread = interleaveZeros(interleaveZeros(x, 2, s), 3, s);
            int spreadH = (h - 1) * s + 1;
            int spreadW = (w - 1) * s + 1;
            NDArray padded =
                    spread.pad(new Shape(k - 1 - left, outW - spreadW + left, k - 1 - top, outH - spreadH + top), 0);
            // The equivalent convolution's kernel: spatially flipped, channel axes swapped; made
            // in the call's scope, since the weight's own manager lives as long as the network.
            NDArray flipped = weight.flip(2, 3);
            flipped.attach(x.getManager());
            NDArray kernel = flipped.transpose(1, 0, 2, 3);
            return conv2d(padded, kernel, null, new Shape(1, 1), new Shape(0, 0), 1);
        };
    }

    /** Puts {@code stride - 1} zeros between neighbours along {@code axis} (2 or 3). */
    private static NDArray interleaveZeros(NDArray x, int axis, int stride) {
        if (stride == 1) {
            return x;
        }
        NDList parts = new NDList(x);
        for (int i = 1; i < stride; i++) {
            parts.add(x.zerosLike());
        }
        NDArray stacked = NDArrays.stack(parts, axis + 1);
        Shape shape = x.getShape();
        long n = shape.get(axis);
        Shape merged = axis == 2
                ? new Shape(shape.get(0), shape.get(1), n * stride, shape.get(3))
                : new Shape(shape.get(0), shape.get(1), shape.get(2), n * stride);
        NDArray spread = stacked.reshape(merged);
        long keep = (n - 1) * stride + 1;
        return axis == 2 ? spread.get(":, :, :" + keep + ", :") : spread.get(":, :, :, :" + keep);
    }
}
