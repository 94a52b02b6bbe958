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
        assertEquals(text + ": not a supported image (JPEG, PNG, BMP or GIF)", e.getMessage());
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
}
