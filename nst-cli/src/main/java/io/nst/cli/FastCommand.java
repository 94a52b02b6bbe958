package io.nst.cli;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst fast}: one-pass stylization of a file or a folder, the network loaded once. */
@Command(
        name = "fast",
        mixinStandardHelpOptions = true,
        description = "Stylize a photo or a folder of photos with a trained transfer network.")
final class FastCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            required = true,
            description = "A pretrained style (wave, udnie, ...) or a model directory.")
    String model;

    @Option(names = "--in", required = true, description = "An image, or a folder of images.")
    Path in;

    @Option(names = "--out", required = true, description = "The output image, or a folder for a folder.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--max-tile",
            defaultValue = "1024",
            description =
                    "Larger images are stylized in overlapping tiles of at most this side (default ${DEFAULT-VALUE}).")
    int maxTile;

    @Option(names = "--report", description = "Write the run's figures as JSON.")
    Path report;

    @Override
    public Integer call() throws Exception {
        boolean folder = Files.isDirectory(in);
        if (!folder && !Files.isRegularFile(in)) {
            throw new StyleTransferException(in + ": no such file or folder");
        }
        if (folder && Files.isRegularFile(out)) {
            throw new IllegalArgumentException("--in is a folder, so --out must be a folder: " + out);
        }
        if (!folder) {
            Reports.checkImageOutput(out);
        }
        List<Path> inputs = folder ? imagesIn(in) : List.of(in);
        if (inputs.isEmpty()) {
            throw new StyleTransferException(in + ": no JPEG, PNG, BMP or GIF images in this folder");
        }
        long start = System.nanoTime();
        int failed = 0;
        try (FastStylizer stylizer = FastStylizer.builder()
                .model(model)
                .backend(engine.backend)
                .device(engine.device())
                .maxTile(maxTile)
                .build()) {
            double loaded = (System.nanoTime() - start) / 1e9;
            long stylizing = System.nanoTime();
            for (Path input : inputs) {
                Path target = folder ? out.resolve(outputName(input)) : out;
                try {
                    BufferedImage result = stylizer.stylize(Images.read(input));
                    Images.write(result, target);
                } catch (StyleTransferException e) {
                    if (!folder) {
                        throw e;
                    }
                    failed++;
                    System.err.println("nst: skipped " + e.getMessage());
                }
            }
            double seconds = (System.nanoTime() - stylizing) / 1e9;
            int done = inputs.size() - failed;
            if (report != null) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("method", "fast");
                figures.put("model", model);
                figures.put("backend", stylizer.backend());
                figures.put("device", stylizer.device());
                figures.put("images", done);
                figures.put("failed", failed);
                figures.put("loadSeconds", loaded);
                figures.put("seconds", seconds);
                figures.put("secondsPerImage", done == 0 ? Double.NaN : seconds / done);
                Reports.write(figures, report);
            }
            System.err.printf(
                    "wrote %d image(s) to %s in %.2f s (%s on %s)%n",
                    done, out, seconds, stylizer.backend(), stylizer.device());
        }
        return failed == 0 ? 0 : 1;
    }

    /** The images of a folder, in name order. */
    static List<Path> imagesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|gif)$"))
                    .sorted()
                    .toList();
        }
    }

    /** The output name for an input: the same, with GIF written as PNG. */
    static Path outputName(Path input) {
        String name = input.getFileName().toString();
        return Path.of(name.toLowerCase(Locale.ROOT).endsWith(".gif") ? name.replaceAll("\\.[^.]+$", ".png") : name);
    }
}
