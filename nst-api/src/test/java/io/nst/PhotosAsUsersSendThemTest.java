package io.nst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Photos as phones and print shops make them: turned by EXIF, CMYK; and paths that are not files. */
class PhotosAsUsersSendThemTest {

    @TempDir
    Path dir;

    /** A 40x20 JPEG, left half red and right half blue, with the given EXIF orientation. */
    private Path turnedJpeg(int orientation) throws IOException {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x < 20 ? 0xff0000 : 0x0000ff);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        // APP1 "Exif\0\0", big-endian TIFF header, one IFD entry: Orientation (0x0112), SHORT, 1 value.
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0
        };
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        out.write(exifHeader);
        out.write(tiff);
        out.write(plain, 2, plain.length - 2);
        Path file = dir.resolve("turned-" + orientation + ".jpg");
        Files.write(file, out.toByteArray());
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 8})
    void aPhotoIsTurnedTheWayItsExifOrientationSays(int orientation) throws IOException {
        BufferedImage upright = Images.read(turnedJpeg(orientation));
        boolean quarter = orientation >= 5;
        assertEquals(quarter ? 20 : 40, upright.getWidth());
        assertEquals(quarter ? 40 : 20, upright.getHeight());
        // Where the red half of the stored pixels ends up once turned upright.
        int[] redCorner =
                switch (orientation) {
                    case 1 -> new int[] {2, 2};
                    case 3 -> new int[] {37, 2}; // upside down: red on the right
                    case 6 -> new int[] {2, 2}; // turned clockwise: red on top
                    default -> new int[] {2, 37}; // turned anticlockwise: red below
                };
        int rgb = upright.getRGB(redCorner[0], redCorner[1]);
        assertTrue(((rgb >> 16) & 255) > 200 && (rgb & 255) < 60, Integer.toHexString(rgb));
    }

    @Test
    void aCmykJpegComesOutInItsColours() throws IOException {
        BufferedImage image;
        try (InputStream in = getClass().getResourceAsStream("/images/cmyk-blocks.jpg")) {
            image = Images.read(in, "cmyk-blocks.jpg", Limits.DEFAULT_MAX_PIXELS);
        }
        assertEquals(64, image.getWidth());
        int[] red = mean(image, 0, 0);
        int[] green = mean(image, 32, 0);
        int[] blue = mean(image, 0, 24);
        int[] grey = mean(image, 32, 24);
        assertTrue(red[0] > 180 && red[1] < 90 && red[2] < 90, "red " + java.util.Arrays.toString(red));
        assertTrue(green[1] > 140 && green[0] < 120 && green[2] < 120, "green " + java.util.Arrays.toString(green));
        assertTrue(blue[2] > 120 && blue[0] < 100 && blue[1] < 120, "blue " + java.util.Arrays.toString(blue));
        assertTrue(
                Math.abs(grey[0] - grey[1]) < 25 && Math.abs(grey[1] - grey[2]) < 25 && grey[0] > 90 && grey[0] < 180,
                "grey " + java.util.Arrays.toString(grey));
    }

    @Test
    void everyPhotoOfTheMirrorStillReads() throws IOException {
        for (String folder : new String[] {"images/content", "images/style"}) {
            try (Stream<Path> files = Files.list(TestMirror.file(folder))) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".jpg")).toList()) {
                    assertTrue(Images.read(file).getWidth() > 0, file.toString());
                }
            }
        }
    }

    @Test
    void aFolderOrAPipeIsRefusedAtOnce() throws Exception {
        StyleTransferException folder = assertThrows(StyleTransferException.class, () -> Images.read(dir));
        assertEquals(dir + ": not a regular file (a folder, device or pipe)", folder.getMessage());
        Path fifo = dir.resolve("photo.jpg");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        StyleTransferException pipe = assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> assertThrows(StyleTransferException.class, () -> Images.read(fifo)));
        assertEquals(fifo + ": not a regular file (a folder, device or pipe)", pipe.getMessage());
    }

    /** The mean RGB of the 32x24 block at ({@code x0}, {@code y0}), away from its edges. */
    private static int[] mean(BufferedImage image, int x0, int y0) {
        long[] sum = new long[3];
        int n = 0;
        for (int y = y0 + 4; y < y0 + 20; y++) {
            for (int x = x0 + 4; x < x0 + 28; x++) {
                int p = image.getRGB(x, y);
                sum[0] += (p >> 16) & 255;
                sum[1] += (p >> 8) & 255;
                sum[2] += p & 255;
                n++;
            }
        }
        return new int[] {(int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n)};
    }
}
