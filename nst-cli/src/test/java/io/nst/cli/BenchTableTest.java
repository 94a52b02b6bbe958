package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Benchmark tables print as they fill and become Markdown; plots are PNGs. */
class BenchTableTest {

    @Test
    void rowsArePrintedAsTheyComeAndTheTableBecomesMarkdown() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BenchTable table = new BenchTable(out, "Fast", "Median of 5.", "backend", "size", "ms");
        table.add("onnxruntime", 512, "560");
        assertEquals(
                "Median of 5.\nbackend            size         ms\nonnxruntime         512        560\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals(
                "### Fast\n\nMedian of 5.\n\n| backend | size | ms |\n|---|---|---|\n| onnxruntime | 512 | 560 |\n\n",
                table.markdown());
        assertThrows(IllegalArgumentException.class, () -> table.add("too", "few"));
    }

    @Test
    void thePlotIsAPngOfTheChartsSize(@TempDir Path dir) throws Exception {
        BenchPlot plot = new BenchPlot("Fast");
        plot.add("onnxruntime", 256, 130, 127);
        plot.add("onnxruntime", 512, 560, 553);
        Path png = dir.resolve("sub/fast.png");
        plot.write(png, "yardstick", side -> side * side / 1000.0);
        var image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        try (var files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
