package io.nst.gatys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
import io.nst.testing.Concurrently;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Gatys as a server runs it: one shared job from many threads, interrupts and cancellation from outside. */
class ConcurrentGatysTest {

    private static final StyleTransfer JOB = StyleTransfer.builder()
            .content(TestMirror.file("images/content/tubingen.jpg"))
            .style(TestMirror.file("images/style/starry_night.jpg"))
            .size(48)
            .iterations(12)
            .initRandom()
            .seed(7)
            .repository(TestMirror.repository())
            .build();

    @Test
    void eightThreadsSharingOneJobAllSucceedWithTheSingleThreadedResult() throws Exception {
        int[] alone = pixels(JOB.run().image());
        for (StyleTransferResult result : Concurrently.run(8, 8, JOB::run)) {
            assertArrayEquals(alone, pixels(result.image()));
        }
    }

    @Test
    void anInterruptStopsTheRunWithinAnIterationAndSaysSo() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        StyleTransfer longRun = JOB.toBuilder()
                .iterations(100_000)
                .progressEvery(1)
                .listener(p -> {
                    reached.set(p.iteration());
                    running.countDown();
                })
                .build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StyleTransferResult> run = pool.submit(longRun::run);
            assertTrue(running.await(2, TimeUnit.MINUTES));
            run.cancel(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the run went on after the interrupt");
            assertTrue(reached.get() < 100_000);
        } finally {
            pool.shutdownNow();
        }
        Thread.currentThread().interrupt();
        try {
            StyleTransferException e = assertThrows(StyleTransferException.class, JOB::run);
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aKeptProgressReportCancelsFromAnotherThreadWithinAnIteration() throws Exception {
        AtomicReference<io.nst.Progress> first = new AtomicReference<>();
        CountDownLatch reported = new CountDownLatch(1);
        AtomicInteger lastSeen = new AtomicInteger();
        StyleTransfer longRun = JOB.toBuilder()
                .iterations(100_000)
                .progressEvery(1)
                .listener(p -> {
                    first.compareAndSet(null, p);
                    lastSeen.set(p.iteration());
                    reported.countDown();
                })
                .build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StyleTransferResult> run = pool.submit(longRun::run);
            assertTrue(reported.await(2, TimeUnit.MINUTES));
            Thread.sleep(200);
            first.get().cancel();
            int atCancel = lastSeen.get();
            StyleTransferResult result = run.get(30, TimeUnit.SECONDS);
            assertTrue(result.cancelled());
            assertTrue(
                    result.optimization().orElseThrow().iterations() <= atCancel + 2,
                    atCancel + " then " + result.optimization().orElseThrow().iterations());
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(true, first.get().isCancelled());
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
