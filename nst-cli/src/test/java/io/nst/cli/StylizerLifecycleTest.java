package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.ImageSource;
import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host application's use of a {@link Stylizer}, on every backend: closed from another thread
 * while threads stylize (hundreds of times on the default backend), closed twice, used after close,
 * and interrupted in the middle of a large tiled photo.
 */
class StylizerLifecycleTest {

    private static final BufferedImage SMALL = photo(64, 48);

    @ParameterizedTest
    @CsvSource({"onnxruntime, 200", "pytorch, 25", "tensorflow, 25"})
    void closingWhileFourThreadsStylizeWaitsForTheCallsAndEveryLaterCallSaysClosed(String backend, int rounds)
            throws Exception {
        int[] expected;
        try (FastStylizer alone = fast(backend).build()) {
            expected = pixels(alone.stylize(SMALL));
        }
        Random random = new Random(7);
        int completed = 0;
        for (int round = 0; round < rounds; round++) {
            FastStylizer stylizer = fast(backend).build();
            List<Throwable> wrong = race(stylizer, expected, random.nextInt(8));
            assertTrue(wrong.isEmpty(), backend + " round " + round + ": " + wrong);
            completed++;
        }
        assertEquals(rounds, completed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"onnxruntime", "pytorch", "tensorflow"})
    void theArbitraryStylizerSurvivesTheSameRace(String backend) throws Exception {
        ArbitraryStylizer.Builder builder = ArbitraryStylizer.builder()
                .backend(backend)
                .repository(TestMirror.repository())
                .style(ImageSource.of(TestMirror.file("images/style/starry_night.jpg")), 1);
        int[] expected;
        try (ArbitraryStylizer alone = builder.build()) {
            expected = pixels(alone.stylize(SMALL));
        }
        for (int round = 0; round < 10; round++) {
            List<Throwable> wrong = race(builder.build(), expected, round % 5);
            assertTrue(wrong.isEmpty(), backend + " round " + round + ": " + wrong);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"onnxruntime", "pytorch", "tensorflow"})
    void aSecondCloseDoesNothingAndACallAfterCloseNamesTheStylizer(String backend) {
        FastStylizer stylizer = fast(backend).build();
        stylizer.close();
        stylizer.close();
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> stylizer.stylize(SMALL));
        assertEquals(Kind.CLOSED, e.kind());
        assertEquals("FastStylizer[wave on " + backend + "] is closed", e.getMessage());

        ArbitraryStylizer arbitrary = ArbitraryStylizer.builder()
                .backend(backend)
                .repository(TestMirror.repository())
                .build();
        Stylizer view = arbitrary.withStyle(arbitrary.styleOf(SMALL));
        arbitrary.close();
        arbitrary.close();
        assertEquals(
                Kind.CLOSED,
                assertThrows(StyleTransferException.class, () -> view.stylize(SMALL))
                        .kind());
    }

    /**
     * The interrupt comes in the middle of a 1400x1000 photo in tiles (0.7 s in: every engine takes
     * longer than that for the whole photo): the call ends within 2 s
     * (ONNX Runtime stops its session run itself; the other engines stop after the tile under way,
     * so their tiles are kept small enough here), and the thread's interrupt is still set.
     */
    @ParameterizedTest
    @CsvSource({
        "onnxruntime, fast, 1024",
        "onnxruntime, arbitrary, 1024",
        "pytorch, fast, 256",
        "pytorch, arbitrary, 256",
        "tensorflow, fast, 384",
        "tensorflow, arbitrary, 384"
    })
    void anInterruptEndsATiledRunSoonWithTheInterruptKept(String backend, String method, int maxTile) throws Exception {
        BufferedImage large = photo(1400, 1000);
        try (Stylizer stylizer = method.equals("fast")
                ? fast(backend).maxTile(maxTile).build()
                : ArbitraryStylizer.builder()
                        .backend(backend)
                        .repository(TestMirror.repository())
                        .maxTile(maxTile)
                        .style(ImageSource.of(TestMirror.file("images/style/starry_night.jpg")), 1)
                        .build()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            boolean[] interruptKept = {false};
            long[] ended = {0};
            Thread worker = new Thread(() -> {
                try {
                    stylizer.stylize(large);
                } catch (Throwable t) {
                    failure.set(t);
                    interruptKept[0] = Thread.currentThread().isInterrupted();
                }
                ended[0] = System.nanoTime();
            });
            worker.start();
            Thread.sleep(700);
            long interrupted = System.nanoTime();
            worker.interrupt();
            worker.join(30_000);
            assertTrue(
                    failure.get() instanceof StyleTransferException,
                    backend + " " + method + ": "
                            + (failure.get() == null ? "done before the interrupt" : failure.get()));
            assertEquals(Kind.CANCELLED, ((StyleTransferException) failure.get()).kind());
            assertTrue(interruptKept[0], "the interrupt is kept set");
            double seconds = (ended[0] - interrupted) / 1e9;
            assertTrue(seconds < 2, backend + " " + method + " took " + seconds + " s to stop");
        }
    }

    /**
     * Four threads stylize until {@code stylizer} is closed under them after {@code delayMillis}:
     * every call either gives the expected picture or fails as closed.
     *
     * @return what went wrong, empty when nothing did
     */
    private static List<Throwable> race(Stylizer stylizer, int[] expected, int delayMillis) throws Exception {
        ConcurrentLinkedQueue<Throwable> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch running = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                running.countDown();
                while (true) {
                    try {
                        int[] actual = pixels(stylizer.stylize(SMALL));
                        assertArrayEquals(expected, actual, "a call beside others gives the picture of a call alone");
                    } catch (StyleTransferException e) {
                        if (e.kind() != Kind.CLOSED) {
                            wrong.add(e);
                        }
                        return;
                    } catch (Throwable e) {
                        wrong.add(e);
                        return;
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        running.await();
        Thread.sleep(delayMillis);
        stylizer.close();
        stylizer.close();
        for (Thread thread : threads) {
            thread.join(60_000);
            if (thread.isAlive()) {
                wrong.add(new AssertionError("a stylizing thread did not end after close"));
            }
        }
        return new ArrayList<>(wrong);
    }

    private static FastStylizer.Builder fast(String backend) {
        return FastStylizer.builder().model("wave").backend(backend).repository(TestMirror.repository());
    }

    private static BufferedImage photo(int width, int height) {
        return Images.resize(Images.read(TestMirror.file("images/content/golden_gate.jpg")), width, height);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
