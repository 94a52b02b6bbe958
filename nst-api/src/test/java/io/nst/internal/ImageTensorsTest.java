package io.nst.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nst.net.FloatTensor;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every image type gives the tensor its RGB values say (over white where transparent), and back. */
class ImageTensorsTest {

    @ParameterizedTest
    @ValueSource(
            ints = {
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_USHORT_565_RGB
            })
    void aTensorHoldsThePixelsRgbValuesWholeOrOfASubimage(int type) {
        BufferedImage image = new BufferedImage(37, 23, type);
        Random random = new Random(type);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xff000000 | random.nextInt(1 << 24));
            }
        }
        assertSameValues(image);
        assertSameValues(image.getSubimage(5, 3, 20, 11));
        FloatTensor tensor = ImageTensors.toTensor(image);
        BufferedImage back = ImageTensors.toImage(tensor);
        assertEquals(BufferedImage.TYPE_INT_RGB, back.getType());
        assertArrayEquals(rgb(ImageTensors.opaqueRgb(image)), rgb(back));
    }

    /**
     * Scaled and padded in one pass, and back from the top-left corner divided, as the one-pass
     * networks take and give images; on all cores for a large image, with the same values.
     */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR})
    void paddingScalingAndCroppingHappenInTheSamePassAtAnySize(int type) {
        for (int[] size : new int[][] {{37, 23}, {515, 513}}) {
            int width = size[0];
            int height = size[1];
            BufferedImage image = new BufferedImage(width, height, type);
            Random random = new Random(width);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            FloatTensor plain = ImageTensors.toTensor(image);
            FloatTensor padded = ImageTensors.toTensor(image, 255f, height + 3, width + 1);
            int plane = (height + 3) * (width + 1);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < height + 3; y++) {
                    for (int x = 0; x < width + 1; x++) {
                        float expected = 255f
                                * plain.data()[(c * height + Math.min(y, height - 1)) * width + Math.min(x, width - 1)];
                        assertEquals(expected, padded.data()[c * plane + y * (width + 1) + x], c + "," + y + "," + x);
                    }
                }
            }
            BufferedImage back = ImageTensors.toImage(padded, height, width, 255f);
            assertArrayEquals(rgb(ImageTensors.opaqueRgb(image)), rgb(back));
        }
    }

    /**
     * An array of the tensor's size is written over and used, any other is left alone; rows past
     * the image repeat its last one even where a core's band of rows begins past it; a subimage's
     * rows are its own.
     */
    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR})
    void aReusedArrayAndTallPaddingGiveTheSameValues(int type) {
        BufferedImage whole = new BufferedImage(620, 40, type);
        Random random = new Random(type);
        for (int y = 0; y < whole.getHeight(); y++) {
            for (int x = 0; x < whole.getWidth(); x++) {
                whole.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        BufferedImage image = whole.getSubimage(7, 9, 600, 10);
        FloatTensor fresh = ImageTensors.toTensor(image, 2f, 500, 601);
        float[] reused = new float[3 * 500 * 601];
        java.util.Arrays.fill(reused, Float.NaN);
        FloatTensor written = ImageTensors.toTensor(image, 2f, 500, 601, reused);
        assertSame(reused, written.data());
        assertArrayEquals(fresh.data(), written.data());
        float[] other = new float[7];
        assertNotSame(other, ImageTensors.toTensor(image, 2f, 500, 601, other).data());
        FloatTensor plain = ImageTensors.toTensor(image);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 500; y++) {
                for (int x = 0; x < 601; x++) {
                    float expected = 2f * plain.data()[(c * 10 + Math.min(y, 9)) * 600 + Math.min(x, 599)];
                    assertEquals(expected, fresh.data()[(c * 500 + y) * 601 + x], c + "," + y + "," + x);
                }
            }
        }
    }

    /**
     * Values become the bytes {@code Math.round} gives, clamped, NaN as 0: at and around every
     * level's midpoint (where a float sum could round across it), and at random.
     */
    @org.junit.jupiter.api.Test
    void valuesRoundToTheNearestLevelAsMathRoundDoes() {
        java.util.List<Float> values = new java.util.ArrayList<>(java.util.List.of(
                Float.NaN, -1f, 0f, 1f, 2f, Float.MIN_VALUE, 0.49999997f / 255f, Float.POSITIVE_INFINITY));
        for (int level = 0; level < 256; level++) {
            float mid = (level + 0.5f) / 255f;
            float v = mid;
            for (int step = 0; step < 4; step++) {
                values.add(v);
                values.add(-v);
                v = Math.nextDown(v);
            }
            v = mid;
            for (int step = 0; step < 4; step++) {
                v = Math.nextUp(v);
                values.add(v);
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextFloat() * 1.2f - 0.1f);
        }
        int n = values.size();
        float[] data = new float[3 * n];
        for (int i = 0; i < n; i++) {
            data[i] = values.get(i);
            data[n + i] = values.get(i) * 0.5f;
            data[2 * n + i] = 1 - values.get(i);
        }
        BufferedImage image = ImageTensors.toImage(new FloatTensor(3, 1, n, data));
        for (int i = 0; i < n; i++) {
            int expected = (level(data[i]) << 16) | (level(data[n + i]) << 8) | level(data[2 * n + i]);
            assertEquals(expected, image.getRGB(i, 0) & 0xffffff, "value " + values.get(i));
        }
    }

    private static int level(float v) {
        return Float.isNaN(v) ? 0 : Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
    }

    private static void assertSameValues(BufferedImage image) {
        FloatTensor tensor = ImageTensors.toTensor(image);
        int[] expected = rgb(ImageTensors.opaqueRgb(image));
        int plane = image.getWidth() * image.getHeight();
        assertEquals(3 * plane, tensor.data().length);
        for (int i = 0; i < plane; i++) {
            assertEquals(((expected[i] >> 16) & 0xff) / 255f, tensor.data()[i]);
            assertEquals(((expected[i] >> 8) & 0xff) / 255f, tensor.data()[plane + i]);
            assertEquals((expected[i] & 0xff) / 255f, tensor.data()[2 * plane + i]);
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
