package io.nst.cli;

import io.nst.fast.ModelExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nst export}: a transfer network or the arbitrary transformer in another engine's format,
 * written by that engine's backend.
 */
@Command(
        name = "export",
        description = "Export a transfer network or the arbitrary-style transformer (--model "
                + ModelExport.ARBITRARY_TRANSFORMER + "): onnx (a file) or savedmodel (a new directory).")
final class ExportCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            required = true,
            description = "A pretrained style, a model directory or " + ModelExport.ARBITRARY_TRANSFORMER + ".")
    String model;

    @Option(names = "--format", required = true, description = "onnx or savedmodel")
    String format;

    @Option(names = "--out", required = true, description = "The file (onnx) or directory (savedmodel) to write.")
    Path out;

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() {
        if (format.equals("savedmodel")) {
            outputs.checkNewFolder("--out", out, java.util.Map.of());
        } else {
            outputs.checkFile("--out", out, java.util.Map.of());
        }
        ModelExport.export(model, format, out);
        System.err.printf("wrote %s (%s)%n", out, format);
        return 0;
    }
}
