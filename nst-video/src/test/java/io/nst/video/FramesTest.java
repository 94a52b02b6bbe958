package io.nst.video;

import static java.awt.image.BufferedImage.TYPE_3BYTE_BGR;
import static java.awt.image.BufferedImage.TYPE_BYTE_GRAY;
import static java.awt.image.BufferedImage.TYPE_INT_ARGB;
import static java.awt.image.BufferedImage.TYPE_INT_RGB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames of every type, whole or a part of a larger image, give the filter their own RGB values. */
class FramesTest {

    /** The test scene drawn into an image of each type frames come in, and two others. */
    @ParameterizedTest
    @ValueSource(ints = {TYPE_INT_RGB, TYPE_3BYTE_BGR, TYPE_INT_ARGB, TYPE_BYTE_GRAY})
    void aCopyAndThePackedPixelsAreTheImagesOwnWholeOrAPart(int type) {
        BufferedImage whole = new BufferedImage(41, 27, type);
        whole.getGraphics().drawImage(TestClips.scene(41, 27, type), 0, 0, null);
        for (BufferedImage image : new BufferedImage[] {whole, whole.getSubimage(3, 5, 30, 17)}) {
            int[] expected = rgb(image);
            BufferedImage copy = Frames.intRgb(image);
            assertEquals(TYPE_INT_RGB, copy.getType());
            assertArrayEquals(expected, rgb(copy));
            int[] packed = Frames.packed(image);
            assertEquals(expected.length, packed.length);
            for (int i = 0; i < packed.length; i++) {
                assertEquals(expected[i], packed[i] & 0xffffff, "pixel " + i);
            }
        }
    }

    /**
     * To the encoder's frame and back from a decoder's: bytes in blue, green, red order, rows
     * their stride apart (wider than the pixels for an odd width), only the frame's part of a
     * larger image.
     */
    @org.junit.jupiter.api.Test
    void framesForTheCodecAreBgrRowsAtTheirStride() {
        BufferedImage image = new BufferedImage(7, 4, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 7; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        try (org.bytedeco.javacv.Frame frame =
                new org.bytedeco.javacv.Frame(5, 3, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3)) {
            assertTrue(frame.imageStride > 15, "a stride wider than the pixels: " + frame.imageStride);
            Frames.intoBgr(image, frame);
            java.nio.ByteBuffer bytes = (java.nio.ByteBuffer) frame.image[0];
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    int p = image.getRGB(x, y);
                    int at = y * frame.imageStride + 3 * x;
                    assertEquals(p & 0xff, bytes.get(at) & 0xff);
                    assertEquals((p >> 8) & 0xff, bytes.get(at + 1) & 0xff);
                    assertEquals((p >> 16) & 0xff, bytes.get(at + 2) & 0xff);
                }
            }
            BufferedImage back = Frames.fromBgr(frame);
            assertArrayEquals(rgb(image.getSubimage(0, 0, 5, 3)), rgb(back));
        }
    }

    /** A decoder's BGRA frame (a clip with alpha) and grey frame give their colours, the alpha dropped. */
    @org.junit.jupiter.params.ParameterizedTest
    @ValueSource(ints = {1, 4})
    void decodedFramesOfOneOrFourChannelsGiveTheirColours(int channels) {
        try (org.bytedeco.javacv.Frame frame =
                new org.bytedeco.javacv.Frame(5, 3, org.bytedeco.javacv.Frame.DEPTH_UBYTE, channels)) {
            java.nio.ByteBuffer bytes = (java.nio.ByteBuffer) frame.image[0];
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    for (int c = 0; c < channels; c++) {
                        bytes.put(y * frame.imageStride + channels * x + c, (byte) (40 * c + 10 * x + y));
                    }
                }
            }
            BufferedImage image = Frames.fromBgr(frame);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    int blue = 10 * x + y;
                    int expected = channels == 1 ? blue * 0x010101 : ((80 + blue) << 16) | ((40 + blue) << 8) | blue;
                    assertEquals(expected, image.getRGB(x, y) & 0xffffff, x + "," + y);
                }
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
