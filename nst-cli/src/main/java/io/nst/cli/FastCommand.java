package io.nst.cli;

import io.nst.fast.FastStylizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst fast}: one-pass stylization of a file or a folder, the network loaded once. */
@Command(
        name = "fast",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
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

    @Mixin
    TileOption tiles;

    @Option(names = "--report", description = "Write the run's figures as JSON.")
    Path report;

    @Override
    public Integer call() throws Exception {
        PhotoBatch batch = new PhotoBatch(in, "--in", out, Map.of(), report);
        long start = System.nanoTime();
        try (FastStylizer stylizer = FastStylizer.builder()
                .model(model)
                .backend(engine.backend)
                .device(engine.device())
                .maxTile(tiles.maxTile)
                .build()) {
            double loaded = (System.nanoTime() - start) / 1e9;
            PhotoBatch.Outcome outcome = batch.run(stylizer::stylize);
            if (report != null) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("method", "fast");
                figures.put("model", model);
                figures.put("backend", stylizer.backend());
                figures.put("device", stylizer.device());
                PhotoBatch.report(figures, loaded, outcome, report);
            }
            System.err.printf(
                    "wrote %d image(s) to %s in %.2f s (%s on %s)%n",
                    outcome.done(), out, outcome.seconds(), stylizer.backend(), stylizer.device());
            return outcome.failed() == 0 ? 0 : 1;
        }
    }
}
