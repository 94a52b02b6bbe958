package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastStylizerTest {

    @TempDir
    Path dir;

    @Test
    void anySizeFrom4x4ComesBackAtItsOwnSize() {
        BufferedImage photo = Images.read(TestMirror.file("images/content/golden_gate.jpg"));
        try (FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .repository(TestMirror.repository())
                .build()) {
            for (int[] size : new int[][] {{4, 4}, {5, 7}, {33, 18}, {64, 48}}) {
                BufferedImage out = wave.stylize(Images.resize(photo, size[0], size[1]));
                assertEquals(size[0], out.getWidth());
                assertEquals(size[1], out.getHeight());
            }
            StyleTransferException tiny = assertThrows(
                    StyleTransferException.class,
                    () -> wave.stylize(new BufferedImage(3, 8, BufferedImage.TYPE_INT_RGB)));
            assertTrue(tiny.getMessage().contains("at least 4x4"), tiny.getMessage());
        }
    }

    @Test
    void runsThroughTheBuilder() {
        StyleTransferResult result = StyleTransfer.builder()
                .method(Method.FAST)
                .model("udnie")
                .content(TestMirror.file("images/content/tubingen.jpg"))
                .size(96)
                .repository(TestMirror.repository())
                .build()
                .run();
        assertEquals(Method.FAST, result.method());
        assertEquals("pytorch", result.backend());
        assertEquals(96, result.width());
    }

    @Test
    void anUnknownModelIsNamed() {
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> FastStylizer.builder()
                .model("monet")
                .repository(TestMirror.repository())
                .build());
        assertTrue(e.getMessage().contains("unknown model 'monet'"), e.getMessage());
        assertTrue(e.getMessage().contains("wave, udnie"), e.getMessage());
    }

    @Test
    void aDamagedModelDirectoryIsRefusedWithTheFileNamed() throws IOException {
        Path model = copyOfWave();
        Files.delete(model.resolve("Variable_12"));
        assertRefused(model, "Variable_12: missing");

        model = copyOfWave();
        byte[] bytes = Files.readAllBytes(model.resolve("Variable_30"));
        Files.write(model.resolve("Variable_30"), java.util.Arrays.copyOf(bytes, bytes.length - 7));
        assertRefused(model, "Variable_30: " + (bytes.length - 7) + " bytes, expected " + bytes.length);

        model = copyOfWave();
        bytes = Files.readAllBytes(model.resolve("Variable_3"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(40, Float.NaN);
        Files.write(model.resolve("Variable_3"), bytes);
        assertRefused(model, "Variable_3: contains NaN");

        model = copyOfWave();
        Files.writeString(
                model.resolve("manifest.json"),
                "{\"Variable\": {\"filename\": \"Variable\", \"shape\": [3, 3, 3, 8]}}");
        assertRefused(model, "has shape [3, 3, 3, 8], expected [9, 9, 3, 32]: not this network");
    }

    private void assertRefused(Path model, String message) {
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> FastStylizer.builder()
                .model(model.toString())
                .repository(TestMirror.repository())
                .build());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private Path copyOfWave() throws IOException {
        Path model = Files.createTempDirectory(dir, "wave");
        try (Stream<Path> files = Files.list(TestMirror.file("models/fast/wave"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        return model;
    }
}
