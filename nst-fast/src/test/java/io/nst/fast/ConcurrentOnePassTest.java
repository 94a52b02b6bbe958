package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.testing.Concurrently;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A shared {@link StyleTransfer} of the one-pass methods, run from eight threads at once, as a server would. */
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

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
