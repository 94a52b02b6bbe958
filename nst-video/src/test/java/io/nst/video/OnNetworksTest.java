package io.nst.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.StyleTransfer;
import io.nst.fast.FastStylizer;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stabilised methods on the real networks: a photo panned with sensor-like noise flickers at most half as much. */
class OnNetworksTest {

    private static List<BufferedImage> clip;

    @BeforeAll
    static void clip() {
        BufferedImage photo = Images.resizeLongSide(Images.read(TestMirror.file("images/content/tubingen.jpg")), 180);
        clip = TestClips.panned(photo, 6, 128, 72, 2, 4, 6);
    }

    @Test
    void theFastMethodFlickersAtMostHalfAsMuch() {
        try (FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .backend("onnxruntime")
                .repository(TestMirror.repository())
                .build()) {
            double perFrame =
                    temporalError(VideoStylizer.builder().stylizer(wave).stability(0));
            double steadied = temporalError(VideoStylizer.builder().stylizer(wave));
            System.out.printf("fast: per frame %.2f, stabilised %.2f%n", perFrame, steadied);
            assertTrue(steadied <= perFrame / 2, steadied + " against " + perFrame);
        }
    }

    @Test
    void gatysFollowsTheMotionAndFlickersAtMostHalfAsMuch() {
        StyleTransfer template = StyleTransfer.builder()
                .content(clip.get(0))
                .style(TestMirror.file("images/style/starry_night.jpg"))
                .size(128)
                .iterations(40)
                .seed(1)
                .repository(TestMirror.repository())
                .build();
        double perFrame = temporalError(VideoStylizer.builder().gatys(template).stability(0));
        double steadied = temporalError(VideoStylizer.builder().gatys(template));
        System.out.printf("gatys: per frame %.2f, stabilised %.2f%n", perFrame, steadied);
        assertTrue(steadied <= perFrame / 2, steadied + " against " + perFrame);
    }

    private static double temporalError(VideoStylizer.Builder video) {
        try (FrameSequence frames = video.build().sequence()) {
            for (BufferedImage frame : clip) {
                BufferedImage out = frames.next(frame);
                assertEquals(128, out.getWidth());
            }
            return frames.temporalError();
        }
    }
}
