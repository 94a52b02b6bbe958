package io.nst.fast;

import io.nst.ImageSource;
import io.nst.Method;
import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The arbitrary method: any painting's style vector conditions a transformer that runs in one
 * pass. Stateless; thread-safe.
 */
public final class ArbitraryMethod implements StyleMethod {

    /** For {@link java.util.ServiceLoader}. */
    public ArbitraryMethod() {}

    @Override
    public Method method() {
        return Method.ARBITRARY;
    }

    @Override
    public StyleTransferResult run(StyleTransfer job) {
        long start = System.nanoTime();
        BufferedImage input = FastMethod.content(job);
        try (ArbitraryStylizer stylizer = ArbitraryStylizer.builder()
                .settings(job.settings())
                .strength(job.strength())
                .preserveColors(job.preserveColors())
                .build()) {
            List<StyleVector> vectors = new ArrayList<>();
            for (ImageSource painting : job.styles()) {
                vectors.add(stylizer.styleOf(painting.read(job.maxInputPixels())));
            }
            BufferedImage out = stylizer.stylize(input, StyleVector.blend(vectors, job.styleBlend()));
            return FastMethod.result(Method.ARBITRARY, out, stylizer.backend(), stylizer.device(), start);
        }
    }
}
