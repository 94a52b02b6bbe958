package io.nst.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The threads that decode ahead of the stylizing and encode behind it: frames keep their order,
 * a failure on either side reaches the caller without a hang, and closing waits for a call in
 * flight, so the reader and writer are never closed under one.
 */
class FramePipelineTest {

    private static final Duration NO_HANG = Duration.ofSeconds(20);

    @Test
    void framesArriveAndAreWrittenInOrderWithTheirTimes() throws Exception {
        Reader reader = new Reader(40, -1, 0);
        Writer writer = new Writer(-1);
        try (FrameSequence frames = sequence();
                FramePipeline pipeline = new FramePipeline(reader, frames, writer)) {
            FramePipeline.Timed<FrameSequence.Tracked> frame;
            int n = 0;
            while ((frame = pipeline.next()) != null) {
                assertEquals(n / 10.0, frame.seconds());
                assertEquals(n, frame.frame().input().getRGB(0, 0) & 0xff);
                pipeline.write(frame.frame()::input, frame.seconds());
                n++;
            }
            pipeline.finish();
            assertEquals(40, n);
        }
        assertEquals(40, writer.written.size());
        for (int i = 0; i < 40; i++) {
            assertEquals(i, writer.written.get(i));
        }
    }

    @Test
    void whatTheReaderThrowsReachesTheCaller() {
        Reader reader = new Reader(40, 7, 0);
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (FrameSequence frames = sequence();
                    FramePipeline pipeline = new FramePipeline(reader, frames, new Writer(-1))) {
                int n = 0;
                StyleTransferException e = null;
                try {
                    while (pipeline.next() != null) {
                        n++;
                    }
                } catch (StyleTransferException thrown) {
                    e = thrown;
                }
                assertEquals(7, n);
                assertEquals(Kind.LIMIT, e.kind());
            }
        });
    }

    @Test
    void whatTheWriterThrowsReachesTheCallerWithoutAHang() {
        Writer writer = new Writer(3);
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (FrameSequence frames = sequence();
                    FramePipeline pipeline = new FramePipeline(new Reader(500, -1, 0), frames, writer)) {
                StyleTransferException e = assertThrows(StyleTransferException.class, () -> {
                    FramePipeline.Timed<FrameSequence.Tracked> frame;
                    while ((frame = pipeline.next()) != null) {
                        pipeline.write(frame.frame()::input, frame.seconds());
                    }
                    pipeline.finish();
                });
                assertEquals(Kind.IO, e.kind());
            }
        });
        assertEquals(3, writer.written.size());
    }

    @RepeatedTest(20)
    void closingWaitsForTheCallsInFlightAndNothingIsCalledAfter() throws Exception {
        Reader reader = new Reader(1000, -1, 3);
        Writer writer = new Writer(-1);
        writer.slow = true;
        FrameSequence frames = sequence();
        FramePipeline pipeline = new FramePipeline(reader, frames, writer);
        for (int i = 0; i < 3; i++) {
            FramePipeline.Timed<FrameSequence.Tracked> frame = pipeline.next();
            pipeline.write(frame.frame()::input, frame.seconds());
        }
        pipeline.close();
        reader.closed.set(true);
        writer.closed.set(true);
        frames.close();
        Thread.sleep(20);
        assertFalse(reader.usedAfterClose.get(), "the reader was used after close");
        assertFalse(writer.usedAfterClose.get(), "the writer was used after close");
        assertEquals(0, reader.inside.get());
        assertEquals(0, writer.inside.get());
    }

    @Test
    void anInterruptWhileWaitingForAFrameIsThrownAndTheThreadsEnd() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Reader reader = new Reader(10, -1, 0) {
            @Override
            public BufferedImage next() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        };
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (FrameSequence frames = sequence();
                    FramePipeline pipeline = new FramePipeline(reader, frames, new Writer(-1))) {
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, pipeline::next);
            }
        });
    }

    @Test
    void anErrorOfTheReaderIsThrownAsItIs() {
        OutOfMemoryError error = new OutOfMemoryError("test");
        Reader reader = new Reader(10, -1, 0) {
            @Override
            public BufferedImage next() {
                throw error;
            }
        };
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (FrameSequence frames = sequence();
                    FramePipeline pipeline = new FramePipeline(reader, frames, new Writer(-1))) {
                assertSame(error, assertThrows(OutOfMemoryError.class, pipeline::next));
            }
        });
    }

    private static FrameSequence sequence() {
        Painter same = new Painter() {
            @Override
            public BufferedImage paint(BufferedImage input, boolean continues, Supplier<TemporalFilter.Motion> motion) {
                return input;
            }

            @Override
            public boolean readsCarriedOutput() {
                return false;
            }

            @Override
            public double keep() {
                return 0;
            }
        };
        return new FrameSequence(same, 0);
    }

    /** Frames whose blue level is their number; throws at frame {@code failAt}; sleeps {@code millis} a frame. */
    private static class Reader implements FrameReader {
        final int frames;
        final int failAt;
        final int millis;
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicBoolean usedAfterClose = new AtomicBoolean();
        final AtomicInteger inside = new AtomicInteger();
        int n;
        double seconds;

        Reader(int frames, int failAt, int millis) {
            this.frames = frames;
            this.failAt = failAt;
            this.millis = millis;
        }

        @Override
        public BufferedImage next() {
            inside.incrementAndGet();
            try {
                if (closed.get()) {
                    usedAfterClose.set(true);
                }
                if (n == failAt) {
                    throw new StyleTransferException(Kind.LIMIT, "frame " + n + " is too large");
                }
                if (n == frames) {
                    return null;
                }
                sleep(millis);
                BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
                image.setRGB(0, 0, n);
                seconds = n / 10.0;
                n++;
                return image;
            } finally {
                if (closed.get()) {
                    usedAfterClose.set(true);
                }
                inside.decrementAndGet();
            }
        }

        @Override
        public double frameRate() {
            return 10;
        }

        @Override
        public double seconds() {
            return seconds;
        }

        @Override
        public long expectedFrames() {
            return frames;
        }

        @Override
        public String cutShort() {
            return "";
        }

        @Override
        public Path path() {
            return Path.of("test");
        }

        @Override
        public void close() {}
    }

    /** Keeps each frame's blue level; throws an I/O failure at frame {@code failAt}. */
    private static class Writer implements FrameWriter {
        final List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        final int failAt;
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicBoolean usedAfterClose = new AtomicBoolean();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean slow;

        Writer(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void write(BufferedImage frame, double seconds) {
            inside.incrementAndGet();
            try {
                if (closed.get()) {
                    usedAfterClose.set(true);
                }
                if (written.size() == failAt) {
                    throw new StyleTransferException(Kind.IO, "disk full");
                }
                if (slow) {
                    sleep(5);
                }
                written.add(frame.getRGB(0, 0) & 0xff);
                assertTrue(Math.abs(seconds - (frame.getRGB(0, 0) & 0xff) / 10.0) < 1e-9);
            } finally {
                if (closed.get()) {
                    usedAfterClose.set(true);
                }
                inside.decrementAndGet();
            }
        }

        @Override
        public void finish() {}

        @Override
        public AudioMux.Outcome audio() {
            return AudioMux.Outcome.NONE;
        }

        @Override
        public void close() {}
    }

    /** Sleeps without giving up the interrupt, as a native decoder or encoder would. */
    private static void sleep(int millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
