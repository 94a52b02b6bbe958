package io.nst.fast;

import io.nst.Stylizer;
import io.nst.fast.internal.OnePass;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.CompiledNetwork;
import io.nst.spi.EngineThreads;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What both one-pass stylizers are made of: networks compiled for one backend and device, held in
 * native memory, that calls use one at a time and that {@link #close()} frees only once no call
 * runs. Public so that the stylizers' methods can be named from any package ({@code
 * FastStylizer::close}); sealed, as only this package's stylizers extend it.
 */
public abstract sealed class NativeStylizer implements Stylizer permits FastStylizer, ArbitraryStylizer {

    final Backend backend;
    final boolean gpu;
    final CallGuard guard;
    /** The network that repaints a photo, compiled. */
    final CompiledNetwork transfer;
    /** Its description, or null for an engine's own saved model (which runs whole, as it is). */
    final NetworkSpec transferSpec;

    private final float pixelScale;
    private final int maxTile;
    private final Function<NetworkSpec, CompiledNetwork> partCompiler;
    /**
     * The last photo's network input, written over by the next photo of its size: calls run one at
     * a time, and fresh memory for every photo cost more than converting it (15 ms of a 90 ms
     * arbitrary transformer call at 512 px). Kept only up to {@link #KEPT_INPUT_VALUES}, so that
     * one large photo does not hold its size in memory for the stylizer's life. Only read and
     * written inside {@link #guard}.
     */
    private float[] input;

    /**
     * The last photo's network output, written over by the next photo of its size where the
     * engine can ({@link CompiledNetwork#apply(FloatTensor, float[], float[])}); it is made an
     * image before the next call. Kept and guarded as {@link #input}.
     */
    private float[] output;

    /** The largest input kept for the next photo: 16 MiB, a 1180x1180 photo. */
    static final int KEPT_INPUT_VALUES = 1 << 22;

    /**
     * @param pixelScale the transfer network's pixel range: 255 or 1
     * @param maxTile the largest tile side, margins included
     * @param partCompiler compiles a part of a network, for tiles, as the whole was compiled
     * @param owner names the stylizer in messages
     * @param release frees the networks, once
     */
    NativeStylizer(
            Backend backend,
            boolean gpu,
            CompiledNetwork transfer,
            NetworkSpec transferSpec,
            float pixelScale,
            int maxTile,
            Function<NetworkSpec, CompiledNetwork> partCompiler,
            String owner,
            Runnable release) {
        this.backend = backend;
        this.gpu = gpu;
        this.transfer = transfer;
        this.transferSpec = transferSpec;
        this.pixelScale = pixelScale;
        this.maxTile = maxTile;
        // Parts compile on as many threads as the whole did, whichever thread asks for them later.
        int threads = EngineThreads.forNetwork();
        this.partCompiler = part -> EngineThreads.compiling(threads, () -> partCompiler.apply(part));
        this.guard = new CallGuard(owner, release);
    }

    /**
     * {@code photo} through the transfer network with {@code condition} (as a frame of {@code
     * clip}, when not null): made a tensor scaled to the network's pixel range and padded to sides
     * that are multiples of 4 (the networks halve the size twice and double it twice) in one pass,
     * run (in tiles when large, see {@link #run}), and the photo's part of the result made an image
     * in one pass.
     */
    final BufferedImage pass(BufferedImage photo, float[] condition, ClipNorms clip) {
        return guard.call(() -> {
            FloatTensor padded = OnePass.networkInput(photo, pixelScale, input);
            input = padded.data().length <= KEPT_INPUT_VALUES ? padded.data() : null;
            FloatTensor out = run(padded, condition, clip, output);
            BufferedImage image = OnePass.image(out, padded, photo.getHeight(), photo.getWidth(), pixelScale);
            output = out.data().length <= KEPT_INPUT_VALUES ? out.data() : null;
            return image;
        });
    }

    /** The same for an image already a tensor (RGB in {@code [0, 1]}, channels first), to a tensor. */
    final FloatTensor pass(FloatTensor image, float[] condition, ClipNorms clip) {
        FloatTensor padded = OnePass.padToMultipleOf4(image, pixelScale);
        // The result may be the caller's as it is (nothing to crop), so it takes fresh memory.
        FloatTensor out = guard.call(() -> run(padded, condition, clip, null));
        return OnePass.crop(out, padded, image.height(), image.width(), pixelScale);
    }

    /**
     * {@code padded} through the transfer network, in overlapping tiles of at most {@code
     * maxTile} (or the backend's {@link Backend#largestFastSide()}, if smaller) when it is larger
     * and the network is described (an engine's own saved model is opaque and runs whole); as a
     * frame of {@code clip}, when not null, with its norms' statistics; a run in one piece writes
     * into {@code reuse} where it can. Inside {@link #guard}.
     */
    private FloatTensor run(FloatTensor padded, float[] condition, ClipNorms clip, float[] reuse) {
        int tile = Math.min(maxTile, Math.max(backend.largestFastSide(), TiledInference.MIN_SIDE));
        if (transferSpec == null) {
            return transfer.apply(padded, condition, reuse);
        }
        if (clip != null) {
            return clip.run(padded, transferSpec.given(condition), partCompiler, tile, guard::checkpoint);
        }
        return Math.max(padded.height(), padded.width()) <= tile
                ? transfer.apply(padded, condition, reuse)
                : new TiledInference(partCompiler, transferSpec.given(condition), tile).run(padded, guard::checkpoint);
    }

    /**
     * {@code photo} repainted as {@link #stylize(BufferedImage)} does, as a frame of {@code clip}.
     */
    abstract BufferedImage stylize(BufferedImage photo, ClipNorms clip);

    /** A stylizer like this one, its networks loaded and compiled anew (on the calling thread). */
    abstract NativeStylizer rebuilt();

    /** Whether the networks are described to the SDK, so that a clip can carry their norms' statistics. */
    final boolean described() {
        return transferSpec != null;
    }

    /**
     * A stylizer for the frames of one clip, in order, on these networks: each instance norm takes
     * a running mean of its statistics over the frames so far instead of each frame's own, which
     * steadies the colours and contrast of a clip from frame to frame; see {@link ClipStylizer}.
     *
     * @param carry the weight of the frames before in each running mean, 0 (each frame its own
     *     statistics, as {@link #stylize(BufferedImage)}) to below 1
     * @throws IllegalArgumentException unless {@code carry} is at least 0 and below 1
     */
    public final ClipStylizer clip(double carry) {
        checkCarry(carry);
        return new ClipStylizer(this, null, carry);
    }

    /**
     * {@code count} stylizers like {@link #clip(double)}, each on networks of its own, loaded and
     * compiled anew to compute on its share of the engine's threads, so that they run side by side
     * with one another and with this stylizer: two halves of the cores painting every other frame of
     * a clip each paint more frames a second than all of them one frame at a time, as an engine's
     * threads wait for one another within a frame. Their frames are those of {@link #clip(double)}
     * to the byte. Empty where the networks' threads cannot be set apart ({@link
     * Backend#threadsPerNetwork()}: PyTorch's are process-wide), on a GPU, or with fewer threads than
     * {@code count}. Each holds its networks until closed and fails with kind {@code CLOSED} once
     * this stylizer is closed.
     *
     * @throws IllegalArgumentException unless {@code carry} is at least 0 and below 1 and {@code
     *     count} from 1 to 64
     * @throws io.nst.StyleTransferException as this stylizer's builder, when the networks cannot be
     *     loaded or compiled again
     */
    public final List<ClipStylizer> clipsAlongside(double carry, int count) {
        checkCarry(carry);
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("count must be from 1 to 64, got " + count);
        }
        int threads = EngineThreads.effective();
        if (gpu || !backend.threadsPerNetwork() || threads < count) {
            return List.of();
        }
        guard.checkpoint();
        List<ClipStylizer> clips = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                // The threads dealt out as evenly as they go: 5 to three clips as 1, 2, 2.
                int share = (i + 1) * threads / count - i * threads / count;
                clips.add(new ClipStylizer(EngineThreads.compiling(share, this::rebuilt), this, carry));
            }
            return List.copyOf(clips);
        } catch (RuntimeException | Error e) {
            clips.forEach(ClipStylizer::close);
            throw e;
        }
    }

    private static void checkCarry(double carry) {
        if (!(carry >= 0 && carry < 1)) {
            throw new IllegalArgumentException("carry must be at least 0 and below 1, got " + carry);
        }
    }

    @Override
    public final String backend() {
        return backend.name();
    }

    @Override
    public final String device() {
        return gpu ? "gpu" : "cpu";
    }

    /**
     * Frees the networks once the call in flight, if any, has ended; calls after it fail with kind
     * {@code CLOSED}. A second call does nothing.
     */
    @Override
    public final void close() {
        guard.close();
    }
}
