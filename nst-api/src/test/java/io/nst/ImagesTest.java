package io.nst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.internal.ImageTensors;
import io.nst.testing.TestFiles;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

    @Test
    void aLargeImageIsDecodedAtTheResolutionItIsUsedAtAndItsPixelsToldBeforehand() {
        BufferedImage big = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        big.setRGB(595, 395, 0xFFFFFF);
        long[] told = {0};
        BufferedImage read = Images.read(
                new java.io.ByteArrayInputStream(Images.toPng(big)), "big.png", 1_000_000, 100, n -> told[0] = n);
        assertEquals(100, read.getWidth());
        assertEquals(67, read.getHeight());
        assertEquals(100 * 67, told[0]);
        BufferedImage whole = Images.read(
                new java.io.ByteArrayInputStream(Images.toPng(big)), "big.png", 1_000_000, 400, n -> told[0] = n);
        assertEquals(600, whole.getWidth(), "less than twice the size asked for: every pixel");
        assertEquals(600 * 400, told[0]);
    }

    @Test
    void readsARealPhoto() {
        BufferedImage photo = Images.read(TestMirror.file("images/content/tubingen.jpg"));
        assertTrue(photo.getWidth() > 100 && photo.getHeight() > 100);
    }

    @Test
    void refusesATruncatedJpeg() throws IOException {
        byte[] jpeg = Files.readAllBytes(TestMirror.file("images/content/tubingen.jpg"));
        Path truncated = dir.resolve("truncated.jpg");
        Files.write(truncated, Arrays.copyOf(jpeg, jpeg.length / 2));
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> Images.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": damaged"), e.getMessage());
    }

    @Test
    void refusesTextNamedPng() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "these are not pixels\n");
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> Images.read(text));
        assertEquals(text + ": not a supported image (JPEG, PNG, BMP, GIF, TIFF or WebP)", e.getMessage());
    }

    @Test
    void refusesAHugePngFromItsHeaderBeforeDecoding() throws IOException {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, TestFiles.pngHeader(100_000, 100_000));
        StyleTransferException e = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertThrows(StyleTransferException.class, () -> Images.read(huge)));
        assertTrue(e.getMessage().contains("100000x100000 pixels is larger than the limit"), e.getMessage());
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("missing.jpg");
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> Images.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void tensorsRoundTripExactly() {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 15; i++) {
            image.setRGB(i % 5, i / 5, i * 0x0f0e0d);
        }
        BufferedImage back = ImageTensors.toImage(ImageTensors.toTensor(image));
        assertArrayEquals(image.getRGB(0, 0, 5, 3, null, 0, 5), back.getRGB(0, 0, 5, 3, null, 0, 5));
    }

    @Test
    void writingReplacesAFileOnlyWithACompleteOne() throws IOException {
        Path out = dir.resolve("out.png");
        Files.writeString(out, "old");
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> Images.write(image, dir.resolve("out.gif")));
        assertEquals("old", Files.readString(out));
        Images.write(image, out);
        assertEquals(4, Images.read(out).getWidth());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files are left");
        }
    }

    @Test
    void readsTiffAndWebP() throws IOException {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x3366cc);
        Path tiff = dir.resolve("photo.tif");
        assertTrue(javax.imageio.ImageIO.write(image, "tiff", tiff.toFile()));
        assertEquals(0x3366cc, Images.read(tiff).getRGB(1, 1) & 0xffffff);
        // The smallest lossy and lossless WebP files (1x1), as browsers' feature tests carry them.
        for (String webp : new String[] {
            "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA",
            "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="
        }) {
            Path file = Files.write(
                    dir.resolve("photo.webp"), java.util.Base64.getDecoder().decode(webp));
            BufferedImage read = Images.read(file);
            assertEquals(1, read.getWidth());
            assertEquals(1, read.getHeight());
        }
    }

    @Test
    void folderSearchesAndOutputNamesCoverEveryFormatRead() {
        for (String name : new String[] {"a.jpg", "b.JPEG", "c.png", "d.bmp", "e.gif", "f.tif", "g.TIFF", "h.webp"}) {
            assertTrue(Images.isImageName(name), name);
        }
        for (String name : new String[] {"notes.txt", ".jpg", "photo.jpg.part", "png"}) {
            assertTrue(!Images.isImageName(name), name);
        }
        assertEquals("a.jpg", Images.outputName("a.jpg"));
        assertEquals("e.png", Images.outputName("e.gif"));
        assertEquals("f.png", Images.outputName("f.TIF"));
        assertEquals("h.v2.png", Images.outputName("h.v2.webp"));
    }

    @Test
    void jpegQualityIsChosenAndDefaultsToNinetyTwo() throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            image.setRGB(i % 64, i / 64, (i * 2654435761L % 0xffffff) > 0x7fffff ? 0xffffff : 0x203040);
        }
        Path low = dir.resolve("low.jpg");
        Path high = dir.resolve("high.jpg");
        Path byDefault = dir.resolve("default.jpg");
        Images.write(image, low, 30);
        Images.write(image, high, Images.DEFAULT_JPEG_QUALITY);
        Images.write(image, byDefault);
        assertTrue(Files.size(low) < Files.size(high), Files.size(low) + " vs " + Files.size(high));
        assertArrayEquals(Files.readAllBytes(high), Files.readAllBytes(byDefault));
        assertArrayEquals(Files.readAllBytes(high), Images.encode(image, "jpg"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Images.write(image, dir.resolve("x.jpg"), 101));
        assertEquals("the JPEG quality must be from 1 to 100, got 101", e.getMessage());
    }
}
