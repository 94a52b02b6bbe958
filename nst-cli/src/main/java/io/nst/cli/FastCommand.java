package io.nst.cli;

import io.nst.Precision;
import io.nst.fast.FastStylizer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst fast}: one-pass stylization of a file or a folder, the network loaded once. */
@Command(name = "fast", description = "Stylize a photo or a folder of photos with a trained transfer network.")
final class FastCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            required = true,
            description = "A pretrained style (wave, udnie, ...) or a model directory.")
    String model;

    @Option(names = "--content", required = true, description = "A photo, or a folder of photos.")
    Path content;

    @Option(
            names = "--precision",
            defaultValue = "fp32",
            description = "fp32; bf16: brain-float convolutions, about 1.6x as fast and within half a grey level"
                    + " on average (TensorFlow, on a CPU with AVX-512 BF16 or AMX); or int8: integer convolutions,"
                    + " about 1.5x as fast and within 2 grey levels on average (ONNX Runtime; calibrated once per"
                    + " network).")
    String precision;

    @Mixin
    OnePassFlags flags;

    @Override
    public Integer call() throws Exception {
        Precision chosen = Precision.parse(precision);
        FastStylizer.Builder builder =
                flags.configure(FastStylizer.builder().model(model)).precision(chosen);
        PhotoBatch batch = new PhotoBatch(content, "--content", Map.of(), flags);
        long start = System.nanoTime();
        try (FastStylizer stylizer = builder.build()) {
            return batch.stylizeAll(
                    stylizer,
                    "fast",
                    (System.nanoTime() - start) / 1e9,
                    Map.of("model", model, "precision", chosen.name().toLowerCase(Locale.ROOT)));
        }
    }
}
