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

    /** The end of the frames, on either queue. */
    private static final Timed<?> END = new Timed<>(null, 0);

    private static final int WAITING = 2;

    /** Frames decoded and tracked, then {@link #END} or what the reader or the tracking threw. */
    private final BlockingQueue<Object> decoded = new ArrayBlockingQueue<>(WAITING);

    private final BlockingQueue<Timed<?>> stylized = new ArrayBlockingQueue<>(WAITING);
    private final Thread decoder;
    private final Thread encoder;
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

    private static Thread daemon(String name, Runnable work) {
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
    @SuppressWarnings("unchecked")
    Timed<FrameSequence.Tracked> next() throws InterruptedException {
        Object item = decoded.take();
        if (item instanceof Throwable failure) {
            throw rethrown(failure);
        }
        return item == END ? null : (Timed<FrameSequence.Tracked>) item;
    }

    /**
     * Hands {@code frame} to the writer's thread, which gets it (steadies it, for a frame painted
     * ahead) and writes it; what that thread threw for an earlier frame, thrown here.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    void write(Supplier<BufferedImage> frame, double seconds) throws InterruptedException {
        throwWriteFailure();
        stylized.put(new Timed<>(frame, seconds));
    }

    /**
     * Waits until every frame handed over is written and the writer's thread has ended.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    void finish() throws InterruptedException {
        stylized.put(END);
        encoder.join();
        throwWriteFailure();
    }

    private void throwWriteFailure() {
        Throwable failure = writeFailure;
        if (failure != null) {
            throw rethrown(failure);
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    private void decode(FrameReader reader, FrameSequence frames) {
        try {
            BufferedImage image;
            while ((image = reader.next()) != null) {
                decoded.put(new Timed<>(frames.track(image), reader.seconds()));
            }
            decoded.put(END);
        } catch (InterruptedException e) {
            // Closed: nobody waits for the frames.
        } catch (RuntimeException | Error e) {
            try {
                decoded.put(e);
            } catch (InterruptedException closed) {
                // Closed: nobody waits for the failure either.
            }
        }
    }

    private void encode(FrameWriter writer) {
        try {
            Timed<?> frame;
            while ((frame = stylized.take()) != END) {
                if (writeFailure == null) {
                    try {
                        Supplier<?> image = (Supplier<?>) frame.frame();
                        writer.write((BufferedImage) image.get(), frame.seconds());
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
