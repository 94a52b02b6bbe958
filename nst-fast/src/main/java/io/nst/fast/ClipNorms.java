package io.nst.fast;

import io.nst.fast.TiledInference.Position;
import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Runs a transfer network over the frames of a clip with each instance norm's statistics a running
 * mean over the frames so far, so that the colours and contrast they set do not jump with the
 * noise and small changes of each frame.
 *
 * <p>A norm's statistics depend on every layer before it, the norms before it included, so a frame
 * goes through the network one part at a time: the layers between two norms run in the engine,
 * compiled once for the clip, and each norm runs here, with the running mean of what it measured
 * on this frame and on the ones before. A frame larger than a tile goes through {@link
 * TiledInference} with the same running means. Not thread-safe: the frames of a clip come in order.
 */
final class ClipNorms implements TiledInference.Statistics, AutoCloseable {

    private final double carry;
    private final Map<Position, Moments> running = new HashMap<>();
    /** The parts between norms, compiled once for the clip, by the position of their first layer. */
    private final Map<Position, CompiledNetwork> parts = new HashMap<>();

    /** @param carry the weight of the frames before in each running mean, 0 to below 1 */
    ClipNorms(double carry) {
        this.carry = carry;
    }

    /** The next frame starts a new scene: its norms take its own statistics. */
    void cut() {
        running.clear();
    }

    @Override
    public Moments settle(Position norm, Moments measured) {
        Moments settled = measured.after(running.get(norm), carry);
        running.put(norm, settled);
        return settled;
    }

    /**
     * {@code image} (sides multiples of 4) through {@code network}, whose norms have their
     * condition applied, as the clip's next frame; in tiles of {@code tile} when larger, each part
     * compiled by {@code compiler}; {@code checkpoint} runs before each part and stops the work by
     * throwing.
     */
    FloatTensor run(
            FloatTensor image,
            NetworkSpec network,
            Function<NetworkSpec, CompiledNetwork> compiler,
            int tile,
            Runnable checkpoint) {
        if (Math.max(image.height(), image.width()) > tile) {
            return new TiledInference(compiler, network, tile).run(image, checkpoint, this);
        }
        return through(network, network.layers(), -1, image, compiler, checkpoint);
    }

    /** {@code x} through {@code layers} (of residual block {@code block}, -1 for the top level). */
    private FloatTensor through(
            NetworkSpec network,
            List<Layer> layers,
            int block,
            FloatTensor x,
            Function<NetworkSpec, CompiledNetwork> compiler,
            Runnable checkpoint) {
        int from = 0;
        // Whether x is a part's output, which nothing else holds and a norm may overwrite.
        boolean fresh = false;
        for (int i = 0; i <= layers.size(); i++) {
            Layer layer = i < layers.size() ? layers.get(i) : null;
            if (layer != null && !(layer instanceof Layer.InstanceNorm) && !(layer instanceof Layer.Residual)) {
                continue;
            }
            if (i > from) {
                checkpoint.run();
                List<Layer> part = layers.subList(from, i);
                x = parts.computeIfAbsent(position(block, from), p -> compiler.apply(part(network, part)))
                        .apply(x);
                fresh = true;
            }
            if (layer instanceof Layer.InstanceNorm norm) {
                Moments measured = Moments.of(x, checkpoint);
                x = affine(x, settle(position(block, i), measured).frozen(norm), fresh);
                fresh = true;
            } else if (layer instanceof Layer.Residual residual) {
                x = TiledInference.sum(x, through(network, residual.body(), i, x, compiler, checkpoint));
                fresh = true;
            }
            from = i + 1;
        }
        return x;
    }

    /** {@code layers} as a network of their own. */
    private static NetworkSpec part(NetworkSpec network, List<Layer> layers) {
        return new NetworkSpec(
                network.name() + " from " + layers.get(0).name(),
                List.copyOf(layers),
                Map.of("output", layers.size() - 1));
    }

    private static Position position(int block, int index) {
        return block < 0 ? new Position(index, -1) : new Position(block, index);
    }

    /** {@code x * scale + shift}, channel by channel, in {@code x} itself when {@code inPlace}. */
    private static FloatTensor affine(FloatTensor x, Layer.ChannelAffine affine, boolean inPlace) {
        float[] in = x.data();
        float[] out = inPlace ? in : new float[in.length];
        int plane = x.height() * x.width();
        IntStream.range(0, x.channels()).parallel().forEach(c -> {
            float scale = affine.scale()[c];
            float shift = affine.shift()[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                out[i] = in[i] * scale + shift;
            }
        });
        return x.withData(out);
    }

    /** Frees the compiled parts. */
    @Override
    public void close() {
        parts.values().forEach(CompiledNetwork::close);
        parts.clear();
    }
}
