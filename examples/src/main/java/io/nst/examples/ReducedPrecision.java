package io.nst.examples;

import io.nst.Images;
import io.nst.Precision;
import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The fast method in each precision, each on the backend that runs it: 32-bit floats; bfloat16
 * on TensorFlow (about 1.6 times as fast on a CPU with AVX-512 BF16 or AMX, within half a grey
 * level on average; refused, and skipped here, on a CPU without, or where its first result is
 * further from float32 than bfloat16's rounding explains); 8-bit integers on ONNX Runtime
 * (about 1.5 times as fast with integer dot-product instructions, within 2 grey levels). The
 * first int8 build of a network calibrates it on eight photos of the training set (a few
 * seconds, then cached).
 *
 * <p>{@code ReducedPrecision STYLE PHOTO OUT_DIR}
 */
public final class ReducedPrecision {

    public static void main(String[] args) throws Exception {
        BufferedImage photo = Images.read(Path.of(args[1]));
        for (Precision precision : Precision.values()) {
            try (FastStylizer stylizer =
                    FastStylizer.builder().model(args[0]).precision(precision).build()) {
                // The engine's first run prepares its kernels; bf16's also checks itself against float32.
                stylizer.stylize(photo);
                long start = System.nanoTime();
                BufferedImage styled = stylizer.stylize(photo);
                System.out.printf(
                        "%s: %.0f ms on %s%n", precision, (System.nanoTime() - start) / 1e6, stylizer.backend());
                Images.write(styled, Path.of(args[2], precision.name().toLowerCase(java.util.Locale.ROOT) + ".png"));
            } catch (StyleTransferException e) { // a precision this machine cannot run, and why
                System.out.printf("%s: %s%n", precision, e.getMessage());
            }
        }
    }
}
