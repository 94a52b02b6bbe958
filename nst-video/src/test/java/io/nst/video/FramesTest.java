package io.nst.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames of every type, whole or a part of a larger image, give the filter their own RGB values. */
class FramesTest {

    @ParameterizedTest
    @ValueSource(
            ints = {
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_BYTE_GRAY
            })
    void aCopyAndThePackedPixelsAreTheImagesOwnWholeOrAPart(int type) {
        BufferedImage whole = new BufferedImage(41, 27, type);
        Random random = new Random(type);
        for (int y = 0; y < whole.getHeight(); y++) {
            for (int x = 0; x < whole.getWidth(); x++) {
                whole.setRGB(x, y, 0xff000000 | random.nextInt(1 << 24));
            }
        }
        for (BufferedImage image : new BufferedImage[] {whole, whole.getSubimage(3, 5, 30, 17)}) {
            int[] expected = rgb(image);
            BufferedImage copy = Frames.intRgb(image);
            assertEquals(BufferedImage.TYPE_INT_RGB, copy.getType());
            assertArrayEquals(expected, rgb(copy));
            int[] packed = Frames.packed(image);
            assertEquals(expected.length, packed.length);
            for (int i = 0; i < packed.length; i++) {
                assertEquals(expected[i], packed[i] & 0xffffff, "pixel " + i);
            }
        }
    }

    private static int[] rgb(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xffffff;
        }
        return pixels;
    }
}
