package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nst.Images;
import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.testing.Concurrently;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one-pass methods shared by eight threads at once, as a server shares them. */
class ConcurrentOnePassTest {

    @ParameterizedTest
    @EnumSource(
            value = Method.class,
            names = {"FAST", "ARBITRARY"})
    void eightThreadsSharingOneJobGetTheSingleThreadedResult(Method method) throws Exception {
        StyleTransfer.Builder b = StyleTransfer.builder()
                .method(method)
                .content(TestMirror.file("images/content/golden_gate.jpg"))
                .size(72)
                .repository(TestMirror.repository());
        StyleTransfer job = method == Method.FAST
                ? b.model("wave").build()
                : b.style(TestMirror.file("images/style/starry_night.jpg")).build();
        int[] alone = pixels(job.run().image());
        for (StyleTransferResult result : Concurrently.run(8, 16, job::run)) {
            assertArrayEquals(alone, pixels(result.image()));
        }
    }

    /**
     * Photos of one size (which share the input a stylizer keeps between calls) and paintings
     * (which share the predictor's) through one stylizer from eight threads: each gets the
     * result it gets alone.
     */
    @ParameterizedTest
    @EnumSource(
            value = Method.class,
            names = {"FAST", "ARBITRARY"})
    void photosOfOneSizeFromEightThreadsEachGetTheirOwnResult(Method method) throws Exception {
        List<BufferedImage> photos = new ArrayList<>();
        for (String name : List.of("content/golden_gate.jpg", "content/tubingen.jpg", "style/starry_night.jpg")) {
            BufferedImage image = Images.read(TestMirror.file("images/" + name));
            photos.add(Images.resize(image, 64, 48));
            photos.add(Images.resize(image.getSubimage(0, 0, image.getWidth() / 2, image.getHeight() / 2), 64, 48));
        }
        try (NativeStylizer stylizer = method == Method.FAST
                ? FastStylizer.builder()
                        .model("wave")
                        .repository(TestMirror.repository())
                        .build()
                : ArbitraryStylizer.builder()
                        .repository(TestMirror.repository())
                        .build()) {
            IntFunction<int[]> alone = i -> stylizer instanceof ArbitraryStylizer arbitrary
                    ? pixels(arbitrary.stylize(photos.get(i), arbitrary.styleOf(photos.get(photos.size() - 1 - i))))
                    : pixels(stylizer.stylize(photos.get(i)));
            List<int[]> expected = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                expected.add(alone.apply(i));
            }
            AtomicInteger next = new AtomicInteger();
            for (int[] result : Concurrently.run(8, 48, () -> {
                int i = next.getAndIncrement() % photos.size();
                int[] pixels = alone.apply(i);
                assertArrayEquals(expected.get(i), pixels, "photo " + i);
                return pixels;
            })) {
                assertEquals(64 * 48, result.length);
            }
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
