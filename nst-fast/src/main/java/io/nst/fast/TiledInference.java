package io.nst.fast;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a network with instance normalisation on an image too large to process at once, in
 * overlapping tiles, with every instance norm's statistics taken from the whole image, so that
 * the result matches the untiled one.
 *
 * <p>The statistics of each instance norm depend on all layers before it, so the image goes
 * through the network one part at a time: a part runs from one instance norm (frozen to its
 * whole-image statistics) to the next, tile by tile; the tiles' cores are stitched into the whole
 * image's activations at the next norm, whose statistics are then taken. Each layer thus runs
 * once over the image (plus the tiles' margins), as it would without statistics to gather, and
 * since every part starts from activations that are right everywhere, a tile's margin needs to
 * cover only that part's reach, a few pixels. Inside a residual block its input is kept too, and
 * added back where the block ends.
 *
 * <p>The price is the whole image's activations held at two points of the network at once. Where
 * those at a norm would take more than a quarter of the Java heap (the full-resolution layers of
 * a large photo), they are not kept: the norm's statistics are merged tile by tile from the part
 * that leads to it, and the next part starts again from the activations last kept, running that
 * part once more. Memory then stays at the smaller activations for a little more time.
 *
 * <p>Where a part's activations fit in one tile at both its ends (the low resolutions of a photo
 * not much larger than a tile), its norms stay as they are, taking their statistics inside the
 * engine: the part runs whole, so they are the whole image's, and the residual blocks run as one
 * engine call instead of one per norm.
 */
final class TiledInference {

    /**
     * The most margin a tile may need on each side, in the pixels of the part's input: the budget
     * that {@code maxSide} keeps for margins. The transfer networks' parts reach at most 16.
     */
    static final int MARGIN = 64;

    /** Bytes per pixel of an RGB image as floats. */
    private static final long RGB_BYTES = 3 * Float.BYTES;

    /** The smallest tile side: the margins on both sides and a core of 4 px. */
    static final int MIN_SIDE = 2 * MARGIN + 4;

    private final Function<NetworkSpec, CompiledNetwork> compiler;
    private final NetworkSpec network;
    private final int core;
    private final long heap;

    /**
     * @param compiler compiles a part of {@code network} (a network of some of its layers, named
     *     as in it) for the engine and precision the whole runs at
     * @param maxSide the largest tile side processed at once, margins included
     */
    TiledInference(Function<NetworkSpec, CompiledNetwork> compiler, NetworkSpec network, int maxSide) {
        this(compiler, network, maxSide, Runtime.getRuntime().maxMemory());
    }

    /**
     * @param heap the bytes of Java heap to plan for (what activations to keep)
     */
    TiledInference(Function<NetworkSpec, CompiledNetwork> compiler, NetworkSpec network, int maxSide, long heap) {
        if (maxSide < MIN_SIDE) {
            throw new IllegalArgumentException("max tile must be at least " + MIN_SIDE + " px, got " + maxSide);
        }
        this.compiler = compiler;
        this.network = network;
        this.core = (maxSide - 2 * MARGIN) / 4 * 4;
        this.heap = heap;
    }

    /**
     * The network applied to {@code image} (sides multiples of 4); {@code checkpoint} runs before
     * every tile of every part, and stops the work by throwing (an interrupt, a close).
     *
     * @throws StyleTransferException of kind {@code LIMIT} when the heap cannot hold even the
     *     activations that must be kept
     */
    FloatTensor run(FloatTensor image, Runnable checkpoint) {
        return run(image, checkpoint, Statistics.MEASURED);
    }

    /**
     * The same with each norm's statistics what {@code statistics} makes of the whole image's,
     * such as a running mean over the frames of a clip.
     */
    FloatTensor run(FloatTensor image, Runnable checkpoint, Statistics statistics) {
        Set<Position> kept = kept(network, image.height(), image.width(), heap);
        Pass pass = new Pass(image, checkpoint);
        for (NormPosition norm : norms()) {
            if (statistics == Statistics.MEASURED && pass.fitsOneTile() && fitsOneTile(image, norm.step())) {
                pass.live.add(norm.position());
                continue;
            }
            Moments measured = kept.contains(norm.position())
                    ? Moments.of(pass.advanceTo(norm.position()), checkpoint)
                    : pass.statisticsAt(norm.position());
            pass.frozen.put(
                    norm.position(),
                    statistics.settle(norm.position(), measured).frozen(norm.layer()));
        }
        pass.advance(new Position(network.layers().size(), -1));
        return pass.activations;
    }

    /**
     * The positions whose whole-image activations a run of {@code network} on a {@code width} by
     * {@code height} image keeps, with a Java heap of {@code heap} bytes: of the heap, less the
     * photo's own copies (decoded, as a tensor, padded, and the result), every one but the
     * top-level norms whose activations take more than a quarter.
     *
     * @throws StyleTransferException of kind {@code LIMIT}, naming the sizes and what to do, when
     *     the activations that must be kept, two at a time, take more than two thirds of it
     */
    static Set<Position> kept(NetworkSpec network, int height, int width, long heap) {
        long pixels = height * (long) width;
        long photoCopies = 4 * RGB_BYTES * pixels;
        long available = heap - photoCopies;
        List<Cut> kept = cuts(network, pixels).stream()
                .filter(c -> !c.optional() || c.bytes() <= available / 4)
                .toList();
        long peak = 0;
        for (int i = 1; i < kept.size(); i++) {
            Cut cut = kept.get(i);
            peak = Math.max(peak, kept.get(i - 1).bytes() + cut.bytes() + cut.blockInputBytes());
        }
        if (peak > available * 2 / 3) {
            throw new StyleTransferException(
                    Kind.LIMIT,
                    String.format(
                            Locale.ROOT,
                            "a %dx%d photo in tiles needs about %d MB of Java heap, more than there is (%d MB);"
                                    + " give Java more memory (-Xmx, or NST_JAVA_OPTS for ./nst) or stylize at a"
                                    + " smaller size",
                            width,
                            height,
                            (peak * 3 / 2 + photoCopies) >> 20,
                            heap >> 20));
        }
        return kept.stream().map(Cut::position).collect(Collectors.toSet());
    }

    /**
     * A point where a run may hold the whole image's activations, their bytes, those of the
     * residual block's input held with them, and whether they may be left unkept (a top-level
     * norm that does not end a block: its statistics can be merged tile by tile instead).
     */
    private record Cut(Position position, long bytes, long blockInputBytes, boolean optional) {}

    /** Every point, in order, where a run of {@code network} on {@code pixels} positions may keep its activations. */
    private static List<Cut> cuts(NetworkSpec network, long pixels) {
        List<Cut> cuts = new ArrayList<>();
        List<Layer> layers = network.layers();
        int channels = 3;
        double positions = pixels;
        cuts.add(new Cut(Position.START, RGB_BYTES * pixels, 0, false));
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            long here = 4L * channels * (long) positions;
            boolean endsBlock = i > 0 && layers.get(i - 1) instanceof Layer.Residual;
            if (layer instanceof Layer.InstanceNorm || endsBlock || layer instanceof Layer.Residual) {
                cuts.add(new Cut(new Position(i, -1), here, 0, layer instanceof Layer.InstanceNorm && !endsBlock));
            }
            if (layer instanceof Layer.Residual block) {
                int c = channels;
                double p = positions;
                for (int k = 0; k < block.body().size(); k++) {
                    Layer inner = block.body().get(k);
                    if (inner instanceof Layer.InstanceNorm) {
                        cuts.add(new Cut(new Position(i, k), 4L * c * (long) p, here, false));
                    }
                    p *= areaFactor(inner);
                    c = inner.outChannels(c);
                }
            }
            positions *= areaFactor(layer);
            channels = layer.outChannels(channels);
        }
        cuts.add(new Cut(new Position(layers.size(), -1), 4L * channels * (long) positions, 0, false));
        return cuts;
    }

    /** The output's positions over the input's for {@code layer}. */
    private static double areaFactor(Layer layer) {
        double side = sideFactor(layer);
        return side * side;
    }

    /** The output's side over the input's for {@code layer}: below 1 for strides, above for upsampling. */
    private static double sideFactor(Layer layer) {
        if (layer instanceof Layer.Conv2d conv) {
            return 1.0 / conv.stride();
        } else if (layer instanceof Layer.DepthwiseConv2d d) {
            return 1.0 / d.stride();
        } else if (layer instanceof Layer.MaxPool m) {
            return 1.0 / m.stride();
        } else if (layer instanceof Layer.TransposedConv2d t) {
            return t.stride();
        } else if (layer instanceof Layer.NearestUpsample u) {
            return u.factor();
        }
        return 1;
    }

    /** What the statistics an instance norm uses are made of the image's own. */
    interface Statistics {
        /** The image's own statistics, as the network takes them untiled. */
        Statistics MEASURED = (norm, measured) -> measured;

        /** The statistics the norm at {@code norm} uses, given the image's {@code measured} ones. */
        Moments settle(Position norm, Moments measured);
    }

    /**
     * A point between two layers: before top-level layer {@code outer}, or, with {@code inner} at
     * least 0, before layer {@code inner} of the residual block that is top-level layer {@code
     * outer}.
     */
    record Position(int outer, int inner) {
        static final Position START = new Position(0, -1);

        boolean insideBlock() {
            return inner >= 0;
        }
    }

    /**
     * A tile's output and where its core lies: in the tile, and in the whole image's output;
     * {@code whole} when the tile was the whole image, {@code zoom} the output's side over the
     * input's.
     */
    record Core(FloatTensor tile, int x0, int y0, int width, int height, int x, int y, boolean whole, double zoom) {}

    /** The image on its way through the network: the activations last kept, and where. */
    private final class Pass {
        /** The input image's side over the activations' side: 1, 2 or 4 for the transfer networks. */
        private int step = 1;

        private Position at = Position.START;
        FloatTensor activations;
        /** The activations entering the residual block the pass is inside, else null. */
        private FloatTensor blockInput;

        final Map<Position, Layer.ChannelAffine> frozen = new HashMap<>();
        /** The norms left to take their own statistics, in parts that run whole. */
        final Set<Position> live = new HashSet<>();

        private final Runnable checkpoint;

        Pass(FloatTensor image, Runnable checkpoint) {
            this.activations = image;
            this.checkpoint = checkpoint;
        }

        /** {@link #advance}s to {@code to} and gives the activations there. */
        FloatTensor advanceTo(Position to) {
            advance(to);
            return activations;
        }

        /** Runs the image on to {@code to}, the norms met on the way frozen, and keeps its activations there. */
        void advance(Position to) {
            while (!at.equals(to)) {
                if (at.insideBlock()) {
                    List<Layer> body = block(at.outer()).body();
                    boolean staysInBlock = to.outer() == at.outer();
                    apply(frozen(body, at.outer(), at.inner(), staysInBlock ? to.inner() : body.size()));
                    if (staysInBlock) {
                        at = to;
                    } else {
                        activations = sum(blockInput, activations);
                        blockInput = null;
                        at = new Position(at.outer() + 1, -1);
                    }
                } else {
                    apply(frozen(network.layers(), -1, at.outer(), to.outer()));
                    at = new Position(to.outer(), -1);
                    if (to.insideBlock()) {
                        blockInput = activations;
                        apply(frozen(block(to.outer()).body(), to.outer(), 0, to.inner()));
                        at = to;
                    }
                }
            }
        }

        /**
         * The whole-image moments of the activations at top-level norm {@code norm}, merged tile
         * by tile from the activations last kept (at the end of the block the pass is in, if any),
         * which stay as they are.
         */
        Moments statisticsAt(Position norm) {
            if (at.insideBlock()) {
                advance(new Position(at.outer() + 1, -1));
            }
            Moments moments = new Moments();
            eachTile(frozen(network.layers(), -1, at.outer(), norm.outer()), core -> moments.add(core, checkpoint));
            return moments;
        }

        private Layer.Residual block(int index) {
            return (Layer.Residual) network.layers().get(index);
        }

        /**
         * {@code layers} from {@code from} to {@code to} (of block {@code block}, -1 for the top
         * level), the norms met frozen.
         */
        private List<Layer> frozen(List<Layer> layers, int block, int from, int to) {
            List<Layer> out = new ArrayList<>();
            for (int i = from; i < to; i++) {
                Layer layer = layers.get(i);
                Position position = block < 0 ? new Position(i, -1) : new Position(block, i);
                if (layer instanceof Layer.InstanceNorm) {
                    if (live.contains(position)) {
                        out.add(layer);
                    } else if (frozen.containsKey(position)) {
                        out.add(frozen.get(position));
                    } else {
                        throw new IllegalStateException(layer.name() + " would run in tiles without its statistics");
                    }
                } else if (layer instanceof Layer.Residual r) {
                    out.add(new Layer.Residual(
                            r.name(), frozen(r.body(), i, 0, r.body().size())));
                } else {
                    out.add(layer);
                }
            }
            return out;
        }

        /** Runs {@code part} over the activations, tile by tile, and stitches the tiles' cores. */
        private void apply(List<Layer> part) {
            if (part.isEmpty()) {
                return;
            }
            FloatTensor in = activations;
            List<FloatTensor> out = new ArrayList<>(1);
            eachTile(part, core -> {
                if (core.whole()) {
                    out.add(core.tile());
                    return;
                }
                if (out.isEmpty()) {
                    int channels = core.tile().channels();
                    int height = (int) Math.round(in.height() * core.zoom());
                    int width = (int) Math.round(in.width() * core.zoom());
                    out.add(new FloatTensor(channels, height, width, new float[channels * height * width]));
                }
                paste(core, out.get(0));
            });
            activations = out.get(0);
            step = step * in.width() / activations.width();
        }

        /**
         * Cores on the input image's grid of multiples of 4, at the activations' resolution; at a
         * quarter of it, where the channels are four times as many, cores of twice the side take
         * half the memory of a full-resolution tile.
         */
        private int coreSide() {
            return TiledInference.this.coreSide(step);
        }

        /** Whether the activations now kept are one tile's core. */
        boolean fitsOneTile() {
            return TiledInference.this.fitsOneTile(activations.height(), activations.width(), step);
        }

        /**
         * {@code part} compiled once and run over the activations tile by tile, each tile with the
         * margin the part needs, its core handed to {@code sink}.
         */
        private void eachTile(List<Layer> part, Consumer<Core> sink) {
            checkpoint.run();
            int margin = margin(part);
            FloatTensor in = activations;
            int side = coreSide();
            NetworkSpec spec = new NetworkSpec(
                    network.name() + " from " + part.get(0).name(), part, Map.of("output", part.size() - 1));
            try (CompiledNetwork net = compiler.apply(spec)) {
                for (int y = 0; y < in.height(); y += side) {
                    for (int x = 0; x < in.width(); x += side) {
                        checkpoint.run();
                        int coreW = Math.min(side, in.width() - x);
                        int coreH = Math.min(side, in.height() - y);
                        int left = Math.max(0, x - margin);
                        int top = Math.max(0, y - margin);
                        int right = Math.min(in.width(), x + coreW + margin);
                        int bottom = Math.min(in.height(), y + coreH + margin);
                        boolean whole = left == 0 && top == 0 && right == in.width() && bottom == in.height();
                        FloatTensor tile = net.apply(whole ? in : crop(in, left, top, right - left, bottom - top));
                        // Parts halve or double sizes exactly, since tiles are aligned to multiples of 4.
                        double zoom = (double) tile.width() / (right - left);
                        sink.accept(new Core(
                                tile,
                                (int) ((x - left) * zoom),
                                (int) ((y - top) * zoom),
                                (int) (coreW * zoom),
                                (int) (coreH * zoom),
                                (int) (x * zoom),
                                (int) (y * zoom),
                                whole,
                                zoom));
                    }
                }
            }
        }
    }

    /**
     * The margin a tile of {@code part} needs on each side, in the pixels of its input: how far
     * an output pixel reaches into the input (a padded or strided kernel of side k reaches k - 1
     * on one side at most), rounded up to a multiple of 4 to keep strided layers aligned.
     *
     * @throws IllegalArgumentException for a part that sees the whole image (a spatial mean) or
     *     reaches further than {@link #MARGIN}
     */
    static int margin(List<Layer> part) {
        double reach = reach(part);
        if (reach > MARGIN) {
            throw new IllegalArgumentException("a part of the network reaches " + reach
                    + " px, more than a tile's margin of " + MARGIN + "; stylize it untiled (a larger max tile)");
        }
        return (int) Math.ceil(reach / 4) * 4;
    }

    private static double reach(List<Layer> layers) {
        double reach = 0;
        // Input pixels per pixel of the current layer's input.
        double step = 1;
        for (Layer layer : layers) {
            double side = sideFactor(layer);
            // An upsampling layer's kernel works at its output's resolution, a strided one's at its input's.
            reach += kernelReach(layer) * (side > 1 ? step / side : step);
            step /= side;
        }
        return reach;
    }

    /** How far {@code layer} reaches to one side, in the pixels its kernel works at. */
    private static double kernelReach(Layer layer) {
        if (layer instanceof Layer.Conv2d c) {
            return Math.max(c.kernelHeight(), c.kernelWidth()) - 1;
        } else if (layer instanceof Layer.DepthwiseConv2d d) {
            return d.kernel() - 1;
        } else if (layer instanceof Layer.MaxPool m) {
            return m.size() - 1;
        } else if (layer instanceof Layer.TransposedConv2d t) {
            return t.kernel() - 1;
        } else if (layer instanceof Layer.MirrorPad p) {
            return Math.max(Math.max(p.top(), p.bottom()), Math.max(p.left(), p.right()));
        } else if (layer instanceof Layer.Residual r) {
            return reach(r.body());
        } else if (layer instanceof Layer.SpatialMean) {
            return Double.POSITIVE_INFINITY;
        }
        return 0;
    }

    /** {@code a + b}, a residual block's input added to its body's output. */
    static FloatTensor sum(FloatTensor a, FloatTensor b) {
        if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalStateException("a residual block changed its input's shape");
        }
        float[] out = a.data().clone();
        float[] add = b.data();
        for (int i = 0; i < out.length; i++) {
            out[i] += add[i];
        }
        return a.withData(out);
    }

    /** Copies {@code core} into its place in {@code out}. */
    private static void paste(Core core, FloatTensor out) {
        FloatTensor tile = core.tile();
        for (int c = 0; c < tile.channels(); c++) {
            for (int row = 0; row < core.height(); row++) {
                System.arraycopy(
                        tile.data(),
                        (c * tile.height() + core.y0() + row) * tile.width() + core.x0(),
                        out.data(),
                        (c * out.height() + core.y() + row) * out.width() + core.x(),
                        core.width());
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

    /** The core side of tiles at {@code step} (the input's side over the activations'). */
    private int coreSide(int step) {
        return Math.max(1, step >= 4 ? 2 * core / step : core / step);
    }

    /** Whether the activations {@code step} times smaller than {@code image} are one tile's core. */
    private boolean fitsOneTile(FloatTensor image, int step) {
        return step >= 1 && fitsOneTile(image.height() / step, image.width() / step, step);
    }

    /** Whether activations of {@code height} by {@code width} at {@code step} are one tile's core. */
    private boolean fitsOneTile(int height, int width, int step) {
        int side = coreSide(step);
        return height <= side && width <= side;
    }

    /** An instance norm, where it is, and its activations' step: the input's side over theirs. */
    private record NormPosition(Position position, Layer.InstanceNorm layer, int step) {}

    private List<NormPosition> norms() {
        List<NormPosition> norms = new ArrayList<>();
        double side = 1;
        for (int i = 0; i < network.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            if (layer instanceof Layer.InstanceNorm n) {
                norms.add(new NormPosition(new Position(i, -1), n, step(side)));
            } else if (layer instanceof Layer.Residual r) {
                double inner = side;
                for (int k = 0; k < r.body().size(); k++) {
                    if (r.body().get(k) instanceof Layer.InstanceNorm n) {
                        norms.add(new NormPosition(new Position(i, k), n, step(inner)));
                    }
                    inner *= sideFactor(r.body().get(k));
                }
            }
            side *= sideFactor(layer);
        }
        return norms;
    }

    /** The step of activations {@code side} times the input's side; 0 for ones larger than the input. */
    private static int step(double side) {
        return side > 1 ? 0 : (int) Math.round(1 / side);
    }
}
