package io.nst.fast;

import io.nst.FastOptions;
import io.nst.Method;
import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.Stylizer;

/** The fast method: one forward pass of a trained transfer network. Stateless; thread-safe. */
public final class FastMethod implements StyleMethod {

    /** For {@link java.util.ServiceLoader}. */
    public FastMethod() {}

    @Override
    public Method method() {
        return Method.FAST;
    }

    @Override
    public StyleTransferResult run(StyleTransfer job) {
        long start = System.nanoTime();
        try (FastStylizer stylizer = FastStylizer.builder()
                .settings(job.settings())
                .options(job.options(FastOptions.class))
                .build()) {
            return run(job, stylizer, start);
        }
    }

    /** The job's photo through {@code stylizer}, as the result of a one-pass method. */
    static StyleTransferResult run(StyleTransfer job, Stylizer stylizer, long start) {
        return StyleTransferResult.onePass(
                stylizer.stylize(job.content().read(job.maxInputPixels())),
                job.method(),
                stylizer.backend(),
                stylizer.device(),
                (System.nanoTime() - start) / 1e9);
    }
}
