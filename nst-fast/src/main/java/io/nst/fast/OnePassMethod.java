package io.nst.fast;

import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.Stylizer;

/** A one-pass method behind {@link StyleTransfer}: the job's photo through a stylizer built for it. */
abstract class OnePassMethod implements StyleMethod {

    /** A stylizer of the job's settings and style, closed after its one photo. */
    abstract Stylizer stylizer(StyleTransfer job);

    @Override
    public final StyleTransferResult run(StyleTransfer job) {
        long start = System.nanoTime();
        try (Stylizer stylizer = stylizer(job)) {
            return StyleTransferResult.onePass(
                    stylizer.stylize(job.content().read(job.maxInputPixels())),
                    method(),
                    stylizer.backend(),
                    stylizer.device(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
