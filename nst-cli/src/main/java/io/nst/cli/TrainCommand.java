package io.nst.cli;

import io.nst.fast.StyleTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst train}: a new fast style from one painting and a folder of photos. */
@Command(name = "train", description = "Train a transfer network for a painting on a folder of photos.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--style", required = true, description = "The painting.")
    Path style;

    @Option(names = "--dataset", required = true, description = "A folder of photos (searched recursively).")
    Path dataset;

    @Option(
            names = "--out",
            required = true,
            description = "The model directory to write; under $NST_HOME/models it can be used by name.")
    Path out;

    @Mixin
    Outputs outputs;

    @Option(names = "--size", defaultValue = "256", description = "Crop side in pixels.")
    int size;

    @Option(names = "--batch", defaultValue = "4", description = "Photos per step.")
    int batch;

    @Option(names = "--iterations", defaultValue = "2000", description = "Steps.")
    int iterations;

    @Option(
            names = "--epochs",
            defaultValue = "0",
            description = "Whole passes over the photos (instead of --iterations).")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam's step size.")
    double learningRate;

    @Mixin
    LossOptions loss;

    @Mixin
    EngineOptions engine;

    @Option(names = "--width", defaultValue = "full", description = "full or slim (a quarter of the work).")
    String width;

    @Option(
            names = "--checkpoint-every",
            defaultValue = "0",
            description = "Checkpoint every N steps (and at the end).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from the output directory's checkpoint.")
    boolean resume;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of every random choice: the same seed, the same result.")
    long seed;

    @Mixin
    Report report;

    @Override
    public Integer call() throws Exception {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--style", style);
        inputs.put("--dataset", dataset);
        outputs.checkNewFolder("--out", out, inputs);
        report.checkBeside(outputs, out, inputs);
        TrainingBar bar = new TrainingBar();
        StyleTrainer.Result result = StyleTrainer.builder()
                .style(style)
                .dataset(dataset)
                .output(out)
                .size(size)
                .batch(batch)
                .iterations(iterations)
                .epochs(epochs)
                .learningRate(learningRate)
                .weights(loss.weights())
                .features(loss.network())
                .width(StyleTrainer.Width.parse(width))
                .checkpointEvery(checkpointEvery)
                .resume(resume)
                .seed(seed)
                .backend(engine.backend)
                .device(engine.device())
                .listener(bar::show)
                .build()
                .train();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("model", result.model().toString());
        figures.put("iterations", result.iterations());
        figures.put("firstLoss", result.firstLoss());
        figures.put("lastLoss", result.lastLoss());
        figures.put("seconds", result.seconds());
        figures.put("imagesPerSecond", result.imagesPerSecond());
        figures.put("skippedPhotos", result.skippedPhotos());
        report.write(figures);
        System.err.printf(
                "wrote %s after %d steps in %.0f s (%.2f images/s), loss %.4g -> %.4g%n",
                result.model(),
                result.iterations(),
                result.seconds(),
                result.imagesPerSecond(),
                result.firstLoss(),
                result.lastLoss());
        return 0;
    }
}
