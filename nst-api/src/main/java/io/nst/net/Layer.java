package io.nst.net;

/**
 * One layer of an engine-free network description. Backends compile a list of these into
 * their engine; {@link ReferenceNetwork} defines what each computes.
 */
public sealed interface Layer
        permits Layer.InputNormalization, Layer.Conv2d, Layer.Activation, Layer.MaxPool {

    /** The layer's name, unique within its network. */
    String name();

    /** Number of channels this layer produces from {@code inChannels}. */
    int outChannels(int inChannels);

    /**
     * Maps the network's input (RGB in {@code [0, 1]}) to what the weights were trained on:
     * {@code out[c] = in[channelOrder[c]] * scale[c] + offset[c]}.
     */
    record InputNormalization(String name, int[] channelOrder, float[] scale, float[] offset)
            implements Layer {
        public InputNormalization {
            if (channelOrder.length != scale.length || scale.length != offset.length) {
                throw new IllegalArgumentException(name + ": one order, scale and offset per channel");
            }
        }

        @Override
        public int outChannels(int inChannels) {
            return channelOrder.length;
        }
    }

    /**
     * A 2-D convolution. Weights are {@code [out, in, kh, kw]} (OIHW), row-major.
     *
     * @param bias one value per output channel, or {@code null} for none
     */
    record Conv2d(String name, int inChannels, int outChannels, int kernelHeight, int kernelWidth,
            int stride, Padding padding, float[] weight, float[] bias) implements Layer {
        public Conv2d {
            if (weight.length != (long) outChannels * inChannels * kernelHeight * kernelWidth) {
                throw new IllegalArgumentException(name + ": expected " + outChannels + "x" + inChannels
                        + "x" + kernelHeight + "x" + kernelWidth + " weights, got " + weight.length);
            }
            if (bias != null && bias.length != outChannels) {
                throw new IllegalArgumentException(name + ": expected " + outChannels + " biases");
            }
        }

        @Override
        public int outChannels(int in) {
            if (in != inChannels) {
                throw new IllegalArgumentException(
                        name + " expects " + inChannels + " input channels, got " + in);
            }
            return outChannels;
        }
    }

    /** An element-wise activation; {@code slope} is the negative slope of a leaky ReLU. */
    record Activation(String name, Kind kind, float slope) implements Layer {
        /** The activation functions in use. */
        public enum Kind {
            RELU,
            LEAKY_RELU
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
}
