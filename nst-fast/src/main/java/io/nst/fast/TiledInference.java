package io.nst.fast;

import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.CompiledNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a network with instance normalisation on an image too large to process at once, in
 * overlapping tiles, with every instance norm's statistics taken from the whole image, so that
 * the result matches the untiled one.
 *
 * <p>The statistics of each instance norm depend on all layers before it, so they are gathered
 * in one pass per instance norm (in network order): the network up to that norm, with the norms
 * before it frozen to their whole-image statistics, runs over all tiles and the per-channel
 * moments of its output are merged. With every norm frozen the network is local, and a last
 * pass stitches the tiles' cores. Each tile carries a margin wider than the network's receptive
 * field, so cores are computed as if the whole image were there.
 */
final class TiledInference {

    /**
     * Margin around each tile: more than the receptive-field radius of the transfer networks (57
     * px for the fast method's, 54 px for the arbitrary method's), so what a tile's border does
     * (zero or reflection padding) never reaches its core.
     */
    static final int MARGIN = 64;

    private final Backend backend;
    private final boolean gpu;
    private final NetworkSpec network;
    private final int core;

    /**
     * @param maxSide the largest tile side processed at once, margins included
     */
    TiledInference(Backend backend, boolean gpu, NetworkSpec network, int maxSide) {
        if (maxSide < 2 * MARGIN + 4) {
            throw new IllegalArgumentException("max tile must be at least " + (2 * MARGIN + 4) + " px, got " + maxSide);
        }
        this.backend = backend;
        this.gpu = gpu;
        this.network = network;
        this.core = (maxSide - 2 * MARGIN) / 4 * 4;
    }

    /**
     * The network applied to {@code image} (sides multiples of 4); {@code checkpoint} runs before
     * every tile of every pass, and stops the work by throwing (an interrupt, a close).
     */
    FloatTensor run(FloatTensor image, Runnable checkpoint) {
        Map<String, Layer.ChannelAffine> frozen = new HashMap<>();
        for (NormPosition norm : norms()) {
            NetworkSpec prefix = prefix(norm, frozen);
            Moments moments = new Moments(norm.layer().gamma().length);
            forEachTile(
                    prefix, image, checkpoint, (out, x0, y0, w, h, imageX, imageY) -> moments.add(out, x0, y0, w, h));
            frozen.put(norm.key(), Layer.ChannelAffine.frozen(norm.layer(), moments.mean(), moments.variance()));
        }
        NetworkSpec local = new NetworkSpec(
                network.name(),
                freeze(network.layers(), "", frozen),
                Map.of("output", network.layers().size() - 1));
        float[] result = new float[3 * image.height() * image.width()];
        forEachTile(local, image, checkpoint, (out, x0, y0, w, h, imageX, imageY) -> {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(
                            out.data(),
                            (c * out.height() + y0 + y) * out.width() + x0,
                            result,
                            (c * image.height() + imageY + y) * image.width() + imageX,
                            w);
                }
            }
        });
        return image.withData(result);
    }

    /**
     * Receives the core of one tile's output: its origin inside {@code out}, its size, and where
     * it lies in the whole image (all at the output's resolution).
     */
    private interface CoreConsumer {
        void accept(FloatTensor out, int x0, int y0, int width, int height, int imageX, int imageY);
    }

    private void forEachTile(NetworkSpec spec, FloatTensor image, Runnable checkpoint, CoreConsumer consumer) {
        checkpoint.run();
        try (CompiledNetwork net = backend.compile(spec, gpu)) {
            for (int ty = 0; ty < image.height(); ty += core) {
                for (int tx = 0; tx < image.width(); tx += core) {
                    checkpoint.run();
                    int coreW = Math.min(core, image.width() - tx);
                    int coreH = Math.min(core, image.height() - ty);
                    int left = Math.max(0, tx - MARGIN);
                    int top = Math.max(0, ty - MARGIN);
                    int right = Math.min(image.width(), tx + coreW + MARGIN);
                    int bottom = Math.min(image.height(), ty + coreH + MARGIN);
                    FloatTensor tile = crop(image, left, top, right - left, bottom - top);
                    FloatTensor out = net.apply(tile);
                    // Layers halve or double sizes exactly, since tiles are aligned to multiples of 4.
                    double scale = (double) out.width() / tile.width();
                    consumer.accept(
                            out,
                            (int) ((tx - left) * scale),
                            (int) ((ty - top) * scale),
                            (int) (coreW * scale),
                            (int) (coreH * scale),
                            (int) (tx * scale),
                            (int) (ty * scale));
                }
            }
        }
    }

    private static FloatTensor crop(FloatTensor image, int x0, int y0, int w, int h) {
        float[] out = new float[image.channels() * w * h];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(
                        image.data(), (c * image.height() + y0 + y) * image.width() + x0, out, (c * h + y) * w, w);
            }
        }
        return new FloatTensor(image.channels(), h, w, out);
    }

    /** An instance norm and where it is: {@code outer} index, and {@code inner} index in a residual body or -1. */
    private record NormPosition(int outer, int inner, Layer.InstanceNorm layer) {
        String key() {
            return inner < 0 ? Integer.toString(outer) : outer + "/" + inner;
        }
    }

    private List<NormPosition> norms() {
        List<NormPosition> norms = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            if (layer instanceof Layer.InstanceNorm n) {
                norms.add(new NormPosition(i, -1, n));
            } else if (layer instanceof Layer.Residual r) {
                for (int k = 0; k < r.body().size(); k++) {
                    if (r.body().get(k) instanceof Layer.InstanceNorm n) {
                        norms.add(new NormPosition(i, k, n));
                    }
                }
            }
        }
        return norms;
    }

    /** The layers whose output the norm at {@code position} normalises, earlier norms frozen. */
    private NetworkSpec prefix(NormPosition position, Map<String, Layer.ChannelAffine> frozen) {
        List<Layer> layers = new ArrayList<>(freeze(network.layers().subList(0, position.outer()), "", frozen));
        if (position.inner() >= 0) {
            Layer.Residual block = (Layer.Residual) network.layers().get(position.outer());
            layers.addAll(freeze(block.body().subList(0, position.inner()), position.outer() + "/", frozen));
        }
        return new NetworkSpec(
                network.name() + " up to " + position.layer().name(), layers, Map.of("output", layers.size() - 1));
    }

    private static List<Layer> freeze(List<Layer> layers, String prefix, Map<String, Layer.ChannelAffine> frozen) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Layer.InstanceNorm) {
                out.add(frozen.get(prefix + i));
            } else if (layer instanceof Layer.Residual r) {
                out.add(new Layer.Residual(r.name(), freeze(r.body(), i + "/", frozen)));
            } else {
                out.add(layer);
            }
        }
        return out;
    }

    /** Per-channel mean and biased variance, merged tile by tile (Chan et al.). */
    private static final class Moments {
        private final double[] mean;
        private final double[] m2;
        private long count;

        Moments(int channels) {
            mean = new double[channels];
            m2 = new double[channels];
        }

        void add(FloatTensor out, int x0, int y0, int w, int h) {
            long n = (long) w * h;
            for (int c = 0; c < mean.length; c++) {
                double sum = 0;
                for (int y = 0; y < h; y++) {
                    int row = (c * out.height() + y0 + y) * out.width() + x0;
                    for (int x = 0; x < w; x++) {
                        sum += out.data()[row + x];
                    }
                }
                double tileMean = sum / n;
                double tileM2 = 0;
                for (int y = 0; y < h; y++) {
                    int row = (c * out.height() + y0 + y) * out.width() + x0;
                    for (int x = 0; x < w; x++) {
                        double d = out.data()[row + x] - tileMean;
                        tileM2 += d * d;
                    }
                }
                double delta = tileMean - mean[c];
                long total = count + n;
                mean[c] += delta * n / total;
                m2[c] += tileM2 + delta * delta * count * n / total;
            }
            count += n;
        }

        double[] mean() {
            return mean.clone();
        }

        double[] variance() {
            double[] v = new double[m2.length];
            for (int c = 0; c < v.length; c++) {
                v[c] = m2[c] / count;
            }
            return v;
        }
    }
}
