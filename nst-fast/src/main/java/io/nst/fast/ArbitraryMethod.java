package io.nst.fast;

import io.nst.ArbitraryOptions;
import io.nst.ImageSource;
import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.Stylizer;

/**
 * The arbitrary method: the paintings' blended style vector conditions a transformer that runs in
 * one pass. Stateless; thread-safe.
 */
public final class ArbitraryMethod extends OnePassMethod {

    /** For {@link java.util.ServiceLoader}. */
    public ArbitraryMethod() {}

    @Override
    public Method method() {
        return Method.ARBITRARY;
    }

    @Override
    Stylizer stylizer(StyleTransfer job) {
        ArbitraryStylizer.Builder builder =
                ArbitraryStylizer.builder().settings(job.settings()).options(job.options(ArbitraryOptions.class));
        for (int i = 0; i < job.styles().size(); i++) {
            builder.style(
                    ImageSource.of(job.styles().get(i).read(job.maxInputPixels())),
                    job.styleBlend().get(i));
        }
        return builder.build();
    }
}
