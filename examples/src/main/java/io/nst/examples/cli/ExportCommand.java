package io.nst.examples.cli;

import io.nst.StyleTransferException;
import io.nst.fast.TransferModels;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nst export}: a transfer network in another engine's format, written by that engine's backend. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a transfer network: onnx (a file) or savedmodel (a new directory).")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A pretrained style or a model directory.")
    String model;

    @Option(names = "--format", required = true, description = "onnx or savedmodel")
    String format;

    @Option(names = "--out", required = true, description = "The file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Backend exporter = Backends.available().stream()
                .filter(b -> b.exportFormat().filter(format::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend on the class path exports '" + format
                        + "'; available: " + Backends.available().stream().flatMap(b -> b.exportFormat().stream())
                        .collect(Collectors.joining(", "))));
        if (format.equals("onnx") && Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory; --out needs a file name");
        }
        NetworkSpec network;
        try {
            network = TransferModels.load(model, ModelRepository.fromEnvironment());
        } catch (IOException e) {
            throw new StyleTransferException("model " + model + ": " + e.getMessage(), e);
        }
        exporter.export(network, out);
        System.err.printf("wrote %s (%s)%n", out, format);
        return 0;
    }
}
