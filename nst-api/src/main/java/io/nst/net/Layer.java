package io.nst.net;

/**
 * One layer of an engine-free network description. Backends compile a list of these into
 * their engine; {@link ReferenceNetwork} defines what each computes.
 */
public sealed interface Layer
        permits Layer.InputNormalization,
                Layer.Conv2d,
                Layer.DepthwiseConv2d,
                Layer.TransposedConv2d,
                Layer.Activation,
                Layer.MaxPool,
                Layer.InstanceNorm,
                Layer.ConditionalInstanceNorm,
                Layer.ChannelAffine,
                Layer.Residual,
                Layer.SpatialMean,
                Layer.MirrorPad,
                Layer.NearestUpsample,
                Layer.ScaledTanh {

    /** The layer's name, unique within its network. */
    String name();

    /** Number of channels this layer produces from {@code inChannels}. */
    int outChannels(int inChannels);

    /**
     * The number of channels this layer takes, or -1 when it takes any number (as an activation
     * does): what a network that starts with it is fed.
     */
    default int inChannels() {
        return -1;
    }

    /**
     * Maps the network's input (RGB in {@code [0, 1]}) to what the weights were trained on:
     * {@code out[c] = in[channelOrder[c]] * scale[c] + offset[c]}.
     */
    record InputNormalization(String name, int[] channelOrder, float[] scale, float[] offset) implements Layer {
        public InputNormalization {
            if (channelOrder.length != scale.length || scale.length != offset.length) {
                throw new IllegalArgumentException(name + ": one order, scale and offset per channel");
            }
        }

        @Override
        public int inChannels() {
            return 3;
        }

        @Override
        public int outChannels(int inChannels) {
            return channelOrder.length;
        }

        /** The same map as a 1x1 convolution, for engines without a gather. */
        public Conv2d asConvolution() {
            int out = channelOrder.length;
            float[] weight = new float[out * 3];
            for (int c = 0; c < out; c++) {
                weight[c * 3 + channelOrder[c]] = scale[c];
            }
            return new Conv2d(name, 3, out, 1, 1, 1, Padding.VALID, weight, offset.clone());
        }
    }

    /**
     * A 2-D convolution. Weights are {@code [out, in, kh, kw]} (OIHW), row-major.
     *
     * @param bias one value per output channel, or {@code null} for none
     */
    record Conv2d(
            String name,
            int inChannels,
            int outChannels,
            int kernelHeight,
            int kernelWidth,
            int stride,
            Padding padding,
            float[] weight,
            float[] bias)
            implements Layer {
        public Conv2d {
            if (weight.length != (long) outChannels * inChannels * kernelHeight * kernelWidth) {
                throw new IllegalArgumentException(name + ": expected " + outChannels + "x" + inChannels + "x"
                        + kernelHeight + "x" + kernelWidth + " weights, got " + weight.length);
            }
            if (bias != null && bias.length != outChannels) {
                throw new IllegalArgumentException(name + ": expected " + outChannels + " biases");
            }
        }

        @Override
        public int outChannels(int in) {
            if (in != inChannels) {
                throw new IllegalArgumentException(name + " expects " + inChannels + " input channels, got " + in);
            }
            return outChannels;
        }
    }

    /**
     * A depthwise convolution: each channel convolved with its own {@code kernel x kernel} filter.
     * Weights are {@code [channels, kh, kw]}, row-major.
     *
     * @param bias one value per channel, or {@code null} for none
     */
    record DepthwiseConv2d(
            String name, int channels, int kernel, int stride, Padding padding, float[] weight, float[] bias)
            implements Layer {
        public DepthwiseConv2d {
            if (weight.length != (long) channels * kernel * kernel) {
                throw new IllegalArgumentException(name + ": expected " + channels + "x" + kernel + "x" + kernel
                        + " weights, got " + weight.length);
            }
            if (bias != null && bias.length != channels) {
                throw new IllegalArgumentException(name + ": expected " + channels + " biases");
            }
        }

        @Override
        public int inChannels() {
            return channels;
        }

        @Override
        public int outChannels(int in) {
            if (in != channels) {
                throw new IllegalArgumentException(name + " expects " + channels + " input channels, got " + in);
            }
            return channels;
        }
    }

    /** The mean of each channel over all positions: {@code [C, H, W]} to {@code [C, 1, 1]}. */
    record SpatialMean(String name) implements Layer {
        @Override
        public int outChannels(int inChannels) {
            return inChannels;
        }
    }

    /**
     * Padding by reflection, the edge not repeated ({@code [a b c]} padded by 2 before is
     * {@code [c b a b c]}); each amount must be smaller than the side it pads.
     */
    record MirrorPad(String name, int top, int bottom, int left, int right) implements Layer {
        public MirrorPad {
            if (top < 0 || bottom < 0 || left < 0 || right < 0) {
                throw new IllegalArgumentException(name + ": padding must not be negative");
            }
        }

        @Override
        public int outChannels(int inChannels) {
            return inChannels;
        }
    }

    /** Nearest-neighbour upsampling by a whole {@code factor}: each pixel becomes a {@code factor x factor} block. */
    record NearestUpsample(String name, int factor) implements Layer {
        public NearestUpsample {
            if (factor < 1) {
                throw new IllegalArgumentException(name + ": factor must be at least 1, got " + factor);
            }
        }

        @Override
        public int outChannels(int inChannels) {
            return inChannels;
        }
    }

    /** An element-wise activation; {@code slope} is the negative slope of a leaky ReLU. */
    record Activation(String name, Kind kind, float slope) implements Layer {
        /** The activation functions in use. */
        public enum Kind {
            /** {@code max(x, 0)}. */
            RELU,
            /** {@code x} for positive {@code x}, else {@code slope * x}. */
            LEAKY_RELU,
            /** {@code min(max(x, 0), 6)}. */
            RELU6,
            /** {@code 1 / (1 + exp(-x))}. */
            SIGMOID
        }

        @Override
        public int outChannels(int inChannels) {
            return inChannels;
        }
    }

    /** Max pooling over {@code size x size} windows. */
    record MaxPool(String name, int size, int stride, Padding padding) implements Layer {
        @Override
        public int outChannels(int inChannels) {
            return inChannels;
        }
    }

    /**
     * The adjoint of a {@link Padding#SAME} convolution with the same stride (TensorFlow's
     * {@code conv2d_transpose}): the output is {@code stride} times the input. Weights are
     * {@code [in, out, kh, kw]}, row-major; no bias.
     */
    record TransposedConv2d(String name, int inChannels, int outChannels, int kernel, int stride, float[] weight)
            implements Layer {
        public TransposedConv2d {
            if (weight.length != (long) inChannels * outChannels * kernel * kernel) {
                throw new IllegalArgumentException(name + ": expected " + inChannels + "x" + outChannels + "x" + kernel
                        + "x" + kernel + " weights, got " + weight.length);
            }
        }

        @Override
        public int outChannels(int in) {
            if (in != inChannels) {
                throw new IllegalArgumentException(name + " expects " + inChannels + " input channels, got " + in);
            }
            return outChannels;
        }
    }

    /**
     * Instance normalisation: per channel, over all positions of the image,
     * {@code gamma * (x - mean) / sqrt(biasedVariance + epsilon) + beta}.
     */
    record InstanceNorm(String name, float[] gamma, float[] beta, float epsilon) implements Layer {
        public InstanceNorm {
            if (gamma.length != beta.length) {
                throw new IllegalArgumentException(name + ": one gamma and beta per channel");
            }
        }

        @Override
        public int inChannels() {
            return gamma.length;
        }

        @Override
        public int outChannels(int inChannels) {
            if (inChannels != gamma.length) {
                throw new IllegalArgumentException(
                        name + " normalises " + gamma.length + " channels, got " + inChannels);
            }
            return inChannels;
        }
    }

    /**
     * Instance normalisation whose gamma and beta are affine functions of the network's condition
     * vector (a style vector), given with each input: {@code gamma = gammaWeight * condition +
     * gammaBias}, {@code beta = betaWeight * condition + betaBias}, then as {@link InstanceNorm}.
     * Weights are {@code [channels, conditionSize]}, row-major.
     */
    record ConditionalInstanceNorm(
            String name,
            int channels,
            int conditionSize,
            float[] gammaWeight,
            float[] gammaBias,
            float[] betaWeight,
            float[] betaBias,
            float epsilon)
            implements Layer {
        public ConditionalInstanceNorm {
            long weights = (long) channels * conditionSize;
            if (channels < 1 || conditionSize < 1) {
                throw new IllegalArgumentException(
                        name + ": needs channels and a condition, got " + channels + " and " + conditionSize);
            }
            if (gammaWeight.length != weights || betaWeight.length != weights) {
                throw new IllegalArgumentException(
                        name + ": expected " + channels + "x" + conditionSize + " weights for gamma and beta");
            }
            if (gammaBias.length != channels || betaBias.length != channels) {
                throw new IllegalArgumentException(name + ": expected " + channels + " biases for gamma and beta");
            }
        }

        /** The instance norm this layer is for {@code condition}. */
        public InstanceNorm given(float[] condition) {
            NetworkSpec.checkCondition(name, conditionSize, condition);
            return new InstanceNorm(
                    name, affine(gammaWeight, gammaBias, condition), affine(betaWeight, betaBias, condition), epsilon);
        }

        private float[] affine(float[] weight, float[] bias, float[] condition) {
            float[] out = new float[channels];
            for (int c = 0; c < channels; c++) {
                double sum = bias[c];
                for (int i = 0; i < conditionSize; i++) {
                    sum += (double) weight[c * conditionSize + i] * condition[i];
                }
                out[c] = (float) sum;
            }
            return out;
        }

        @Override
        public int inChannels() {
            return channels;
        }

        @Override
        public int outChannels(int inChannels) {
            if (inChannels != channels) {
                throw new IllegalArgumentException(name + " normalises " + channels + " channels, got " + inChannels);
            }
            return inChannels;
        }
    }

    /**
     * {@code x * scale[c] + shift[c]} per channel: an {@link InstanceNorm} whose statistics were
     * taken beforehand (from the whole image, when it is processed in tiles).
     */
    record ChannelAffine(String name, float[] scale, float[] shift) implements Layer {
        public ChannelAffine {
            if (scale.length != shift.length) {
                throw new IllegalArgumentException(name + ": one scale and shift per channel");
            }
        }

        /** The instance norm {@code norm} with fixed statistics. */
        public static ChannelAffine frozen(InstanceNorm norm, double[] mean, double[] variance) {
            int c = norm.gamma().length;
            float[] scale = new float[c];
            float[] shift = new float[c];
            for (int i = 0; i < c; i++) {
                double s = norm.gamma()[i] / Math.sqrt(variance[i] + norm.epsilon());
                scale[i] = (float) s;
                shift[i] = (float) (norm.beta()[i] - mean[i] * s);
            }
            return new ChannelAffine(norm.name(), scale, shift);
        }

        @Override
        public int inChannels() {
            return scale.length;
        }

        @Override
        public int outChannels(int inChannels) {
            if (inChannels != scale.length) {
                throw new IllegalArgumentException(name + " scales " + scale.length + " channels, got " + inChannels);
            }
            return inChannels;
        }
    }

    /** {@code x + body(x)}. */
    record Residual(String name, java.util.List<Layer> body) implements Layer {
        public Residual {
            body = java.util.List.copyOf(body);
        }

        @Override
        public int inChannels() {
            return NetworkSpec.firstFixedChannels(body).orElse(-1);
        }

        @Override
        public int outChannels(int inChannels) {
            int c = inChannels;
            for (Layer layer : body) {
                c = layer.outChannels(c);
            }
            if (c != inChannels) {
                throw new IllegalArgumentException(name + " must keep its channel count");
            }
            return c;
        }
    }

    /** {@code scale * tanh(x) + offset}: maps activations to pixel values. */
    record ScaledTanh(String name, float scale, float offset) implements Layer {
        @Override
        public int outChannels(int inChannels) {
            return inChannels;
        }
    }
}
