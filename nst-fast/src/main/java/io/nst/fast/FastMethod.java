package io.nst.fast;

import io.nst.Images;
import io.nst.Method;
import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import java.awt.image.BufferedImage;

/** The fast method: one forward pass of a trained transfer network. Stateless; thread-safe. */
public final class FastMethod implements StyleMethod {

    @Override
    public Method method() {
        return Method.FAST;
    }

    @Override
    public StyleTransferResult run(StyleTransfer job) {
        long start = System.nanoTime();
        BufferedImage input = content(job);
        try (FastStylizer stylizer = FastStylizer.builder()
                .model(job.model())
                .settings(job.settings())
                .build()) {
            return result(Method.FAST, stylizer.stylize(input), stylizer.backend(), stylizer.device(), start);
        }
    }

    /** The job's content photo, at the requested size if one was set (else its own). */
    static BufferedImage content(StyleTransfer job) {
        BufferedImage input = job.content().read(job.maxInputPixels());
        return job.requestedSize().isPresent()
                ? Images.resizeLongSide(input, job.requestedSize().getAsInt())
                : input;
    }

    /** The result of a one-pass method: one evaluation, no loss figures. */
    static StyleTransferResult result(Method method, BufferedImage image, String backend, String device, long start) {
        return new StyleTransferResult(
                image,
                method.id(),
                backend,
                device,
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
