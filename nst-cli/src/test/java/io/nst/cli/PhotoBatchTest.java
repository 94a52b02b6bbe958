package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder run tells a bad photo, which it skips, from an interrupt, which ends the run. */
class PhotoBatchTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptInTheMiddleOfAPhotoEndsTheRunWithoutCallingThePhotoBad() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Path out = Files.createDirectory(dir.resolve("out"));
        for (String name : new String[] {"a.png", "b.png"}) {
            Images.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), in.resolve(name));
        }
        Stylizer interrupted = new Stylizer() {
            @Override
            public BufferedImage stylize(BufferedImage photo) {
                throw new StyleTransferException(Kind.CANCELLED, "stub: interrupted; the photo was not finished");
            }

            @Override
            public String backend() {
                return "stub";
            }

            @Override
            public String device() {
                return "cpu";
            }

            @Override
            public void close() {}
        };
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        StyleTransferException e;
        try {
            e = assertThrows(
                    StyleTransferException.class, () -> new PhotoBatch(in, "--in", out, Map.of(), new Report(), false)
                            .stylizeAll(interrupted, "fast", 0, Map.of()));
        } finally {
            System.setErr(original);
        }
        assertEquals(Kind.CANCELLED, e.kind());
        assertEquals(
                "interrupted after 0 image(s); the ones written are whole, the rest were not started", e.getMessage());
        assertTrue(printed.toString(StandardCharsets.UTF_8).isEmpty(), printed.toString(StandardCharsets.UTF_8));
        try (var left = Files.list(out)) {
            assertEquals(0, left.count());
        }
    }
}
