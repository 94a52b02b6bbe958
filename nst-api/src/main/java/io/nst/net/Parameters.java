package io.nst.net;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The learnable tensors of a network in one fixed order (each convolution's weight then bias,
 * each transposed convolution's weight, each instance norm's gamma then beta, each channel
 * affine's scale then shift; residual bodies in place), so that engines and checkpoints agree.
 */
public final class Parameters {

    private Parameters() {}

    /** The network's parameters, in order; the arrays are the network's own. */
    public static List<float[]> of(NetworkSpec network) {
        List<float[]> out = new ArrayList<>();
        collect(network.layers(), out);
        return out;
    }

    /** The same network with {@code values} (in {@link #of} order and shapes) as its parameters. */
    public static NetworkSpec replace(NetworkSpec network, List<float[]> values) {
        Iterator<float[]> it = values.iterator();
        List<Layer> layers = replace(network.layers(), it);
        if (it.hasNext()) {
            throw new IllegalArgumentException("more parameters than network " + network.name() + " has");
        }
        return new NetworkSpec(network.name(), layers, network.features());
    }

    private static void collect(List<Layer> layers, List<float[]> out) {
        for (Layer layer : layers) {
            if (layer instanceof Layer.Conv2d c) {
                out.add(c.weight());
                if (c.bias() != null) {
                    out.add(c.bias());
                }
            } else if (layer instanceof Layer.TransposedConv2d t) {
                out.add(t.weight());
            } else if (layer instanceof Layer.InstanceNorm n) {
                out.add(n.gamma());
                out.add(n.beta());
            } else if (layer instanceof Layer.ChannelAffine a) {
                out.add(a.scale());
                out.add(a.shift());
            } else if (layer instanceof Layer.Residual r) {
                collect(r.body(), out);
            }
        }
    }

    private static List<Layer> replace(List<Layer> layers, Iterator<float[]> it) {
        List<Layer> out = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Layer.Conv2d c) {
                float[] weight = next(it, c.weight().length, c.name());
                float[] bias = c.bias() == null ? null : next(it, c.bias().length, c.name());
                out.add(new Layer.Conv2d(
                        c.name(),
                        c.inChannels(),
                        c.outChannels(),
                        c.kernelHeight(),
                        c.kernelWidth(),
                        c.stride(),
                        c.padding(),
                        weight,
                        bias));
            } else if (layer instanceof Layer.TransposedConv2d t) {
                out.add(new Layer.TransposedConv2d(
                        t.name(),
                        t.inChannels(),
                        t.outChannels(),
                        t.kernel(),
                        t.stride(),
                        next(it, t.weight().length, t.name())));
            } else if (layer instanceof Layer.InstanceNorm n) {
                out.add(new Layer.InstanceNorm(
                        n.name(),
                        next(it, n.gamma().length, n.name()),
                        next(it, n.beta().length, n.name()),
                        n.epsilon()));
            } else if (layer instanceof Layer.ChannelAffine a) {
                out.add(new Layer.ChannelAffine(
                        a.name(), next(it, a.scale().length, a.name()), next(it, a.shift().length, a.name())));
            } else if (layer instanceof Layer.Residual r) {
                out.add(new Layer.Residual(r.name(), replace(r.body(), it)));
            } else {
                out.add(layer);
            }
        }
        return out;
    }

    private static float[] next(Iterator<float[]> it, int length, String layer) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException("too few parameters for layer " + layer);
        }
        float[] value = it.next();
        if (value.length != length) {
            throw new IllegalArgumentException(layer + ": expected " + length + " values, got " + value.length);
        }
        return value;
    }
}
