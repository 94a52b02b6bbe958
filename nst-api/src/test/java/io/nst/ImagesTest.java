package io.nst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

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
        Files.write(huge, pngHeader(100_000, 100_000));
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
        BufferedImage back = Images.toImage(Images.toTensor(image));
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

    /** A PNG signature and an IHDR chunk declaring the size, with no pixel data at all. */
    private static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.write("IHDR".getBytes(StandardCharsets.US_ASCII));
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {8, 2, 0, 0, 0});
        byte[] typeAndData = chunk.toByteArray();
        out.writeInt(typeAndData.length - 4);
        out.write(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }
}
