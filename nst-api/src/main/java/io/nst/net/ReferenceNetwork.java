package io.nst.net;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain-Java forward pass of a {@link NetworkSpec}: the definition of what each layer
 * computes and the oracle the backends' compiled networks are tested against. Slow by design;
 * meant for small inputs. Stateless; safe to call from any thread.
 */
public final class ReferenceNetwork {

    private ReferenceNetwork() {}

    /** Runs {@code network} on {@code input} and returns the named features, in request order. */
    public static Map<String, FloatTensor> features(NetworkSpec network, FloatTensor input, Collection<String> names) {
        return features(network, input, new float[0], names);
    }

    /**
     * Runs {@code network} on {@code input} with its condition vector: each conditional instance
     * norm is the instance norm with the gamma and beta it computes from {@code condition}.
     */
    public static Map<String, FloatTensor> features(
            NetworkSpec network, FloatTensor input, float[] condition, Collection<String> names) {
        network = network.given(condition);
        int last = -1;
        for (String name : names) {
            last = Math.max(last, network.layerIndexOf(name));
        }
        FloatTensor[] outputs = new FloatTensor[last + 1];
        FloatTensor x = input;
        for (int i = 0; i <= last; i++) {
            x = apply(network.layers().get(i), x);
            outputs[i] = x;
        }
        Map<String, FloatTensor> byName = new LinkedHashMap<>();
        for (String name : names) {
            byName.put(name, outputs[network.layerIndexOf(name)]);
        }
        return byName;
    }

    /** Applies one layer; a conditional one needs its network's condition, see {@link #features}. */
    public static FloatTensor apply(Layer layer, FloatTensor x) {
        if (layer instanceof Layer.InputNormalization n) {
            return normalize(n, x);
        } else if (layer instanceof Layer.Conv2d c) {
            return conv(c, x);
        } else if (layer instanceof Layer.DepthwiseConv2d d) {
            return depthwise(d, x);
        } else if (layer instanceof Layer.SpatialMean) {
            int hw = x.positions();
            float[] out = new float[x.channels()];
            for (int c = 0; c < out.length; c++) {
                double sum = 0;
                for (int i = 0; i < hw; i++) {
                    sum += x.data()[c * hw + i];
                }
                out[c] = (float) (sum / hw);
            }
            return new FloatTensor(x.channels(), 1, 1, out);
        } else if (layer instanceof Layer.Activation a) {
            return activate(a, x);
        } else if (layer instanceof Layer.MirrorPad m) {
            return mirrorPad(m, x);
        } else if (layer instanceof Layer.NearestUpsample u) {
            int f = u.factor();
            int oh = x.height() * f;
            int ow = x.width() * f;
            float[] out = new float[x.channels() * oh * ow];
            for (int c = 0; c < x.channels(); c++) {
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        out[(c * oh + y) * ow + xx] = x.data()[(c * x.height() + y / f) * x.width() + xx / f];
                    }
                }
            }
            return new FloatTensor(x.channels(), oh, ow, out);
        } else if (layer instanceof Layer.MaxPool p) {
            return maxPool(p, x);
        } else if (layer instanceof Layer.TransposedConv2d t) {
            return transposedConv(t, x);
        } else if (layer instanceof Layer.InstanceNorm n) {
            return instanceNorm(n, x);
        } else if (layer instanceof Layer.Residual r) {
            FloatTensor body = x;
            for (Layer inner : r.body()) {
                body = apply(inner, body);
            }
            float[] out = x.data().clone();
            for (int i = 0; i < out.length; i++) {
                out[i] += body.data()[i];
            }
            return x.withData(out);
        } else if (layer instanceof Layer.ChannelAffine a) {
            a.outChannels(x.channels());
            int hw = x.positions();
            float[] out = new float[x.data().length];
            for (int i = 0; i < out.length; i++) {
                int c = i / hw;
                out[i] = x.data()[i] * a.scale()[c] + a.shift()[c];
            }
            return x.withData(out);
        } else if (layer instanceof Layer.ScaledTanh t) {
            float[] out = new float[x.data().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (t.scale() * Math.tanh(x.data()[i]) + t.offset());
            }
            return x.withData(out);
        }
        if (layer instanceof Layer.ConditionalInstanceNorm n) {
            throw new IllegalArgumentException(n.name() + " needs the network's condition vector");
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }

    private static FloatTensor normalize(Layer.InputNormalization n, FloatTensor x) {
        int hw = x.positions();
        float[] out = new float[n.channelOrder().length * hw];
        for (int c = 0; c < n.channelOrder().length; c++) {
            int from = n.channelOrder()[c] * hw;
            for (int p = 0; p < hw; p++) {
                out[c * hw + p] = x.data()[from + p] * n.scale()[c] + n.offset()[c];
            }
        }
        return new FloatTensor(n.channelOrder().length, x.height(), x.width(), out);
    }

    private static FloatTensor conv(Layer.Conv2d c, FloatTensor x) {
        c.outChannels(x.channels());
        int kh = c.kernelHeight();
        int kw = c.kernelWidth();
        int s = c.stride();
        int oh = c.padding().outputSize(x.height(), kh, s);
        int ow = c.padding().outputSize(x.width(), kw, s);
        int top = c.padding().before(x.height(), kh, s);
        int left = c.padding().before(x.width(), kw, s);
        float[] out = new float[c.outChannels() * oh * ow];
        for (int o = 0; o < c.outChannels(); o++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    double sum = c.bias() == null ? 0 : c.bias()[o];
                    for (int i = 0; i < c.inChannels(); i++) {
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = y * s + ky - top;
                            if (iy < 0 || iy >= x.height()) {
                                continue;
                            }
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = xx * s + kx - left;
                                if (ix < 0 || ix >= x.width()) {
                                    continue;
                                }
                                sum += (double) c.weight()[((o * c.inChannels() + i) * kh + ky) * kw + kx]
                                        * x.data()[(i * x.height() + iy) * x.width() + ix];
                            }
                        }
                    }
                    out[(o * oh + y) * ow + xx] = (float) sum;
                }
            }
        }
        return new FloatTensor(c.outChannels(), oh, ow, out);
    }

    /** Scatter form: input pixel (y, x) adds its kernel at output (y*s, x*s), minus the SAME padding. */
    private static FloatTensor transposedConv(Layer.TransposedConv2d t, FloatTensor x) {
        t.outChannels(x.channels());
        int k = t.kernel();
        int s = t.stride();
        int oh = x.height() * s;
        int ow = x.width() * s;
        int top = Padding.SAME.before(oh, k, s);
        int left = Padding.SAME.before(ow, k, s);
        double[] out = new double[t.outChannels() * oh * ow];
        for (int i = 0; i < t.inChannels(); i++) {
            for (int y = 0; y < x.height(); y++) {
                for (int xx = 0; xx < x.width(); xx++) {
                    double v = x.data()[(i * x.height() + y) * x.width() + xx];
                    for (int o = 0; o < t.outChannels(); o++) {
                        for (int a = 0; a < k; a++) {
                            int oy = y * s + a - top;
                            if (oy < 0 || oy >= oh) {
                                continue;
                            }
                            for (int b = 0; b < k; b++) {
                                int ox = xx * s + b - left;
                                if (ox >= 0 && ox < ow) {
                                    out[(o * oh + oy) * ow + ox] +=
                                            v * t.weight()[((i * t.outChannels() + o) * k + a) * k + b];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] data = new float[out.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) out[i];
        }
        return new FloatTensor(t.outChannels(), oh, ow, data);
    }

    private static FloatTensor instanceNorm(Layer.InstanceNorm n, FloatTensor x) {
        n.outChannels(x.channels());
        int hw = x.positions();
        float[] out = new float[x.data().length];
        for (int c = 0; c < x.channels(); c++) {
            double mean = 0;
            for (int p = 0; p < hw; p++) {
                mean += x.data()[c * hw + p];
            }
            mean /= hw;
            double variance = 0;
            for (int p = 0; p < hw; p++) {
                double d = x.data()[c * hw + p] - mean;
                variance += d * d;
            }
            variance /= hw;
            double scale = n.gamma()[c] / Math.sqrt(variance + n.epsilon());
            for (int p = 0; p < hw; p++) {
                out[c * hw + p] = (float) ((x.data()[c * hw + p] - mean) * scale + n.beta()[c]);
            }
        }
        return x.withData(out);
    }

    private static FloatTensor activate(Layer.Activation a, FloatTensor x) {
        float[] out = x.data().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (a.kind()) {
                case RELU -> Math.max(out[i], 0);
                case RELU6 -> Math.min(Math.max(out[i], 0), 6);
                case SIGMOID -> (float) (1 / (1 + Math.exp(-out[i])));
                case LEAKY_RELU -> out[i] < 0 ? out[i] * a.slope() : out[i];
            };
        }
        return x.withData(out);
    }

    private static FloatTensor mirrorPad(Layer.MirrorPad m, FloatTensor x) {
        int h = x.height();
        int w = x.width();
        if (m.top() >= h || m.bottom() >= h || m.left() >= w || m.right() >= w) {
            throw new IllegalArgumentException(m.name() + ": cannot reflect " + h + "x" + w + " by more than its side");
        }
        int oh = h + m.top() + m.bottom();
        int ow = w + m.left() + m.right();
        float[] out = new float[x.channels() * oh * ow];
        for (int c = 0; c < x.channels(); c++) {
            for (int y = 0; y < oh; y++) {
                int sy = reflect(y - m.top(), h);
                for (int xx = 0; xx < ow; xx++) {
                    out[(c * oh + y) * ow + xx] = x.data()[(c * h + sy) * w + reflect(xx - m.left(), w)];
                }
            }
        }
        return new FloatTensor(x.channels(), oh, ow, out);
    }

    private static int reflect(int i, int size) {
        return i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
    }

    private static FloatTensor depthwise(Layer.DepthwiseConv2d d, FloatTensor x) {
        d.outChannels(x.channels());
        int k = d.kernel();
        int s = d.stride();
        int oh = d.padding().outputSize(x.height(), k, s);
        int ow = d.padding().outputSize(x.width(), k, s);
        int top = d.padding().before(x.height(), k, s);
        int left = d.padding().before(x.width(), k, s);
        float[] out = new float[d.channels() * oh * ow];
        for (int c = 0; c < d.channels(); c++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    double sum = d.bias() == null ? 0 : d.bias()[c];
                    for (int ky = 0; ky < k; ky++) {
                        int iy = y * s + ky - top;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = xx * s + kx - left;
                            if (iy >= 0 && iy < x.height() && ix >= 0 && ix < x.width()) {
                                sum += (double) d.weight()[(c * k + ky) * k + kx]
                                        * x.data()[(c * x.height() + iy) * x.width() + ix];
                            }
                        }
                    }
                    out[(c * oh + y) * ow + xx] = (float) sum;
                }
            }
        }
        return new FloatTensor(d.channels(), oh, ow, out);
    }

    private static FloatTensor maxPool(Layer.MaxPool p, FloatTensor x) {
        int oh = p.padding().outputSize(x.height(), p.size(), p.stride());
        int ow = p.padding().outputSize(x.width(), p.size(), p.stride());
        int top = p.padding().before(x.height(), p.size(), p.stride());
        int left = p.padding().before(x.width(), p.size(), p.stride());
        float[] out = new float[x.channels() * oh * ow];
        for (int c = 0; c < x.channels(); c++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ky = 0; ky < p.size(); ky++) {
                        int iy = y * p.stride() + ky - top;
                        for (int kx = 0; kx < p.size(); kx++) {
                            int ix = xx * p.stride() + kx - left;
                            if (iy >= 0 && iy < x.height() && ix >= 0 && ix < x.width()) {
                                max = Math.max(max, x.data()[(c * x.height() + iy) * x.width() + ix]);
                            }
                        }
                    }
                    out[(c * oh + y) * ow + xx] = max;
                }
            }
        }
        return new FloatTensor(x.channels(), oh, ow, out);
    }
}
