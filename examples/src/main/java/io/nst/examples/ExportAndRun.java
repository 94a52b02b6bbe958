package io.nst.examples;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import io.nst.fast.ModelExport;
import java.nio.file.Path;

/**
 * Export a transfer network for other runtimes, as ONNX (written by the ONNX Runtime backend) and
 * as a TensorFlow SavedModel (written by the TensorFlow backend), then run both exports back
 * through {@link FastStylizer}.
 *
 * <p>{@code ExportAndRun STYLE PHOTO OUT_DIR}
 */
public final class ExportAndRun {

    private ExportAndRun() {}

    public static void main(String[] args) throws Exception {
        String style = args[0];
        Path outDir = Path.of(args[2]);
        for (String format : ModelExport.formats()) {
            Path exported = outDir.resolve(style + (format.equals("onnx") ? ".onnx" : "-savedmodel"));
            ModelExport.export(style, format, exported);
            try (FastStylizer stylizer =
                    FastStylizer.builder().model(exported.toString()).build()) {
                Images.write(
                        stylizer.stylize(Images.read(Path.of(args[1]))), outDir.resolve(style + "-" + format + ".png"));
                System.out.println(format + ": " + exported + ", run on " + stylizer.backend());
            }
        }
    }
}
