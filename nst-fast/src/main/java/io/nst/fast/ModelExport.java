package io.nst.fast;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.internal.TransferModels;
import io.nst.models.internal.ArbitraryStyleNetworks;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes a transfer network (a pretrained style or a model directory) or the arbitrary method's
 * transformer in another engine's format, through the backend module that owns that format:
 * {@code onnx} (a file, with {@code nst-backend-onnxruntime}) or {@code savedmodel} (a new
 * directory, with {@code nst-backend-tf}). A transfer network's export runs back through {@link
 * FastStylizer} with {@code model(path)}. Stateless; safe to call from any thread.
 *
 * <p>What the exports take and give: an input {@code input}, float {@code [1, 3, H, W]}, RGB
 * channels first; an output {@code output} of the same shape. Transfer networks work in {@code
 * 0..255}. The {@linkplain #ARBITRARY_TRANSFORMER arbitrary transformer} works in {@code 0..1}
 * with sides multiples of 4, and takes a second input {@code condition}, float {@code [1, 100]}:
 * the painting's {@link StyleVector#values()}.
 */
public final class ModelExport {

    /** The model name that exports the arbitrary method's transformer, its style vector an input. */
    public static final String ARBITRARY_TRANSFORMER = "arbitrary-transformer";

    private ModelExport() {}

    /** The formats the backends on the class path can write. */
    public static List<String> formats() {
        return Backends.available().stream()
                .flatMap(b -> b.exportFormat().stream())
                .sorted()
                .toList();
    }

    /** {@link #export(String, String, Path, ModelRepository)} with the repository of the environment. */
    public static void export(String model, String format, Path out) {
        export(model, format, out, ModelRepository.fromEnvironment());
    }

    /**
     * Writes {@code model} (a pretrained style, a model directory or {@link
     * #ARBITRARY_TRANSFORMER}) to {@code out} in {@code format}; a file or directory already at
     * {@code out} is replaced only once the export is complete.
     *
     * @throws IllegalArgumentException if no backend on the class path writes {@code format}, or
     *     {@code out} does not fit it
     * @throws StyleTransferException if the model cannot be loaded or the export cannot be written
     */
    public static void export(String model, String format, Path out, ModelRepository repository) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(repository, "repository");
        Backend exporter = Backends.available().stream()
                .filter(b -> b.exportFormat().filter(format::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend on the class path exports '" + format
                        + "'; formats available: " + String.join(", ", formats())));
        if (format.equals("onnx") && Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory; an onnx export needs a file name");
        }
        NetworkSpec network;
        try {
            network = model.equals(ARBITRARY_TRANSFORMER)
                    ? ArbitraryStyleNetworks.transformer(repository)
                    : TransferModels.load(model, repository);
        } catch (IOException e) {
            throw new StyleTransferException(Kind.NOT_FOUND, "model " + model + ": " + e.getMessage(), e);
        }
        try {
            exporter.export(network, out);
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, out + ": " + e.getMessage(), e);
        }
    }
}
