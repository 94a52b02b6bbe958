package io.nst.video;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.ClipStylizer;
import io.nst.internal.Futures;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A one-pass stylizer's frames painted side by side: each frame by whichever of the stylizer's
 * clips is free, on a thread of its own, each clip on networks of its own with its share of the
 * engine's threads ({@link io.nst.fast.NativeStylizer#clipsAlongside}). On the project's two cores,
 * two clips of one engine thread each painted a 480p clip in 0.82-0.9 of the time one clip on both
 * took, as an engine's threads spend part of every frame waiting for one another. The
 * frames are those of the stylizer to the byte, whichever clip paints them, so the order of the
 * work changes nothing.
 */
final class FramesAlongside implements Painter {

    private final List<ClipStylizer> clips;
    /** The clips no frame is being painted by; a painting thread takes one and puts it back. */
    private final BlockingQueue<ClipStylizer> free;
    /** As many threads as clips, so that a thread that starts a frame always finds a free clip. */
    private final ExecutorService threads;

    private final double stability;

    /** @param clips the stylizer's clips, run alongside; closed with this painter */
    FramesAlongside(List<ClipStylizer> clips, double stability) {
        this.clips = List.copyOf(clips);
        this.free = new ArrayBlockingQueue<>(clips.size(), false, clips);
        this.stability = stability;
        AtomicInteger started = new AtomicInteger();
        try {
            this.threads = Executors.newFixedThreadPool(
                    clips.size(), work -> FramePipeline.daemon("nst-video-paint-" + started.getAndIncrement(), work));
        } catch (RuntimeException | Error e) {
            clips.forEach(ClipStylizer::close);
            throw e;
        }
    }

    @Override
    public BufferedImage paint(BufferedImage input, boolean continues, Supplier<TemporalFilter.Motion> motion) {
        return clips.get(0).stylize(input);
    }

    @Override
    public Supplier<BufferedImage> paintAhead(BufferedImage input, boolean continues) {
        Future<BufferedImage> painted = threads.submit(() -> {
            ClipStylizer clip;
            try {
                clip = free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StyleTransferException(Kind.CANCELLED, "interrupted before a frame was painted", e);
            }
            try {
                return clip.stylize(input);
            } finally {
                free.add(clip);
            }
        });
        return () -> painting(painted);
    }

    /** What {@code painted} gave or threw, waited for. */
    private static BufferedImage painting(Future<BufferedImage> painted) {
        return Futures.await(
                painted,
                e -> {
                    painted.cancel(true);
                    return new StyleTransferException(Kind.CANCELLED, "interrupted while a frame was painted", e);
                },
                cause -> new StyleTransferException(Kind.ENGINE, "a frame could not be painted: " + cause, cause));
    }

    @Override
    public double keep() {
        return stability;
    }

    /**
     * Stops the frames being painted (their threads interrupted, which ends a frame at its next
     * checkpoint) and waits for them before the clips free their networks.
     */
    @Override
    public void close() {
        threads.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (threads.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        clips.forEach(ClipStylizer::close);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
