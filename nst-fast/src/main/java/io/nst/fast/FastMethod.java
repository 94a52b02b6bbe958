package io.nst.fast;

import io.nst.Images;
import io.nst.Method;
import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import java.awt.image.BufferedImage;

/** The fast method: one forward pass of a trained transfer network. */
public final class FastMethod implements StyleMethod {

    @Override
    public Method method() {
        return Method.FAST;
    }

    @Override
    public StyleTransferResult run(StyleTransfer job) {
        long start = System.nanoTime();
        BufferedImage input = job.content().read(job.maxInputPixels());
        if (job.requestedSize().isPresent()) {
            input = Images.resizeLongSide(input, job.requestedSize().getAsInt());
        }
        try (FastStylizer stylizer = FastStylizer.builder()
                .model(job.model())
                .backend(job.backend())
                .device(job.device())
                .repository(job.repository())
                .build()) {
            BufferedImage out = stylizer.stylize(input);
            return new StyleTransferResult(
                    out,
                    Method.FAST.id(),
                    stylizer.backend(),
                    stylizer.device(),
                    0,
                    1,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    (System.nanoTime() - start) / 1e9,
                    false);
        }
    }
}
