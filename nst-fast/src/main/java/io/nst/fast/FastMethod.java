package io.nst.fast;

import io.nst.FastOptions;
import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.Stylizer;

/** The fast method: one forward pass of a trained transfer network. Stateless; thread-safe. */
public final class FastMethod extends OnePassMethod {

    /** For {@link java.util.ServiceLoader}. */
    public FastMethod() {}

    @Override
    public Method method() {
        return Method.FAST;
    }

    @Override
    Stylizer stylizer(StyleTransfer job) {
        return FastStylizer.builder()
                .settings(job.settings())
                .options(job.options(FastOptions.class))
                .build();
    }
}
