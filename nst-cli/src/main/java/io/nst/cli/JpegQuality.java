package io.nst.cli;

import io.nst.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --jpeg-quality}: how the commands that write images encode a {@code .jpg} output. */
final class JpegQuality {

    @Option(
            names = "--jpeg-quality",
            defaultValue = "" + Images.DEFAULT_JPEG_QUALITY,
            description = "Quality of .jpg outputs, 1 to 100 (PNG and BMP are lossless).")
    int quality = Images.DEFAULT_JPEG_QUALITY;

    /** Checks the quality given, before any work. */
    void check() {
        Images.checkJpegQuality("--jpeg-quality", quality);
    }

    /** Writes {@code image} whole to {@code file}, a JPEG at the quality given. */
    void write(BufferedImage image, Path file) {
        Images.write(image, file, quality);
    }
}
