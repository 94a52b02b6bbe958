package io.nst.video;

import java.awt.image.BufferedImage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Decodes and tracks a clip's frames ahead of the thread that stylizes them, and encodes the
 * results behind it, each on a thread of its own, so that FFmpeg's and the optical flow's work
 * fills the gaps the engine leaves on the cores. Two frames wait at most on each side; the
 * frames keep their order, so the output is the same bytes as one thread doing it all.
 *
 * <p>The reader, the sequence's tracking and the writer are used by these threads only until
 * {@link #close()}, which stops and joins both before the caller may close them: their native
 * buffers are never freed under a call.
 */
final class FramePipeline implements AutoCloseable {

    /** A frame and when it is shown. */
    record Timed<T>(T frame, double seconds) {}

    private static final int WAITING = 2;

    /** The end of the frames, on either queue: one instance, told apart by identity. */
    private static final Timed<?> END = new Timed<>(null, 0);

    /** Frames decoded and tracked, then {@link #end()}, also after a failure ({@link #readFailure}). */
    private final BlockingQueue<Timed<FrameSequence.Tracked>> decoded = new ArrayBlockingQueue<>(WAITING);

    /** Frames to steady and write, then {@link #end()}. */
    private final BlockingQueue<Timed<Supplier<BufferedImage>>> stylized = new ArrayBlockingQueue<>(WAITING);

    private final Thread decoder;
    private final Thread encoder;
    private volatile Throwable readFailure;
    private volatile Throwable writeFailure;

    FramePipeline(FrameReader reader, FrameSequence frames, FrameWriter writer) {
        decoder = daemon("nst-video-decode", () -> decode(reader, frames));
        encoder = daemon("nst-video-encode", () -> encode(writer));
        decoder.start();
        try {
            encoder.start();
        } catch (RuntimeException | Error e) {
            // No thread to be had: the decoder must not outlive the reader the caller closes next.
            close();
            throw e;
        }
    }

    /** A daemon thread of {@code name} running {@code work}, not started. */
    static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The next frame, decoded and tracked, or null after the last; what the reader or the
     * tracking threw, thrown here.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    Timed<FrameSequence.Tracked> next() throws InterruptedException {
        Timed<FrameSequence.Tracked> frame = decoded.take();
        if (frame != END) {
            return frame;
        }
        rethrow(readFailure);
        return null;
    }

    /**
     * Hands {@code frame} to the writer's thread, which gets it (steadies it, for a frame painted
     * ahead) and writes it; what that thread threw for an earlier frame, thrown here.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    void write(Supplier<BufferedImage> frame, double seconds) throws InterruptedException {
        rethrow(writeFailure);
        stylized.put(new Timed<>(frame, seconds));
    }

    /**
     * Waits until every frame handed over is written and the writer's thread has ended.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    void finish() throws InterruptedException {
        stylized.put(end());
        encoder.join();
        rethrow(writeFailure);
    }

    /** What a helper thread threw, if anything, thrown on the caller's thread as it was. */
    private static void rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Timed<T> end() {
        return (Timed<T>) END;
    }

    private void decode(FrameReader reader, FrameSequence frames) {
        try {
            try {
                BufferedImage image;
                while ((image = reader.next()) != null) {
                    decoded.put(new Timed<>(frames.track(image), reader.seconds()));
                }
            } catch (RuntimeException | Error e) {
                // Told after the frames before it.
                readFailure = e;
            }
            decoded.put(end());
        } catch (InterruptedException e) {
            // Closed: nobody waits for the frames.
        }
    }

    private void encode(FrameWriter writer) {
        try {
            Timed<Supplier<BufferedImage>> frame;
            while ((frame = stylized.take()) != END) {
                if (writeFailure == null) {
                    try {
                        writer.write(frame.frame().get(), frame.seconds());
                    } catch (RuntimeException | Error e) {
                        // Told at the next frame handed over; the frames after it are dropped.
                        writeFailure = e;
                    }
                }
            }
        } catch (InterruptedException e) {
            // Closed: the run was given up.
        }
    }

    /** Stops both threads and waits for them; the interrupt of the calling thread stays as it was. */
    @Override
    public void close() {
        decoder.interrupt();
        encoder.interrupt();
        boolean interrupted = false;
        for (Thread thread : new Thread[] {decoder, encoder}) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
