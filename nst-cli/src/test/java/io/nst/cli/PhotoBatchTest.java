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

    /** The flags of a run into {@code out}, as picocli sets them when none is given. */
    static OnePassFlags flags(Path out) {
        OnePassFlags flags = new OnePassFlags();
        flags.out = out;
        flags.outputs = new Outputs();
        flags.jpeg = new JpegQuality();
        flags.report = new Report();
        return flags;
    }

    /** A stylizer doing {@code work} on every photo. */
    private static Stylizer stub(java.util.function.UnaryOperator<BufferedImage> work) {
        return new Stylizer() {
            @Override
            public BufferedImage stylize(BufferedImage photo) {
                return work.apply(photo);
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
    }

    @Test
    void anInterruptInTheMiddleOfAPhotoEndsTheRunWithoutCallingThePhotoBad() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Path out = Files.createDirectory(dir.resolve("out"));
        for (String name : new String[] {"a.png", "b.png"}) {
            Images.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), in.resolve(name));
        }
        Stylizer interrupted = stub(photo -> {
            throw new StyleTransferException(Kind.CANCELLED, "stub: interrupted; the photo was not finished");
        });
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        StyleTransferException e;
        try {
            e = assertThrows(StyleTransferException.class, () -> new PhotoBatch(in, "--content", Map.of(), flags(out))
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

    @Test
    void twoPhotosNeverShareAnOutputAndTheSkippedOneIsNamedWithTheReason() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Path out = Files.createDirectory(dir.resolve("out"));
        BufferedImage photo = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        // a.gif sorts first but a.png keeps its name; b.jpg and B.jpg are one file on some file systems.
        Files.write(in.resolve("a.gif"), Images.encode(photo, "gif"));
        for (String name : new String[] {"a.png", "B.jpg", "b.jpg", "c.tif"}) {
            Files.write(in.resolve(name), Images.encode(photo, name.endsWith("tif") ? "tiff" : name.substring(2)));
        }
        Stylizer identity = stub(image -> image);
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new PhotoBatch(in, "--content", Map.of(), flags(out)).stylizeAll(identity, "fast", 0, Map.of());
        } finally {
            System.setErr(original);
        }
        assertEquals(1, exit, "a skipped photo makes the run's exit 1");
        try (var written = Files.list(out)) {
            assertEquals(
                    java.util.List.of("B.jpg", "a.png", "c.png"),
                    written.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String log = printed.toString(StandardCharsets.UTF_8);
        assertTrue(
                log.contains("nst: skipped " + in.resolve("a.gif")
                        + ": its output a.png would be the same file as a.png's (GIF, TIFF and WebP are written as"
                        + " PNG); rename one"),
                log);
        assertTrue(
                log.contains("nst: skipped " + in.resolve("b.jpg") + ": its output b.jpg would be the same file as"
                        + " B.jpg's"),
                log);
    }
}
