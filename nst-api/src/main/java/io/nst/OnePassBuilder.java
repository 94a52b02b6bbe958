package io.nst;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the builders of both one-pass stylizers take besides where they run: the photos' size and
 * the largest tile, held in the method's one immutable options value.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 * @param <O> the method's options
 */
public abstract class OnePassBuilder<B extends OnePassBuilder<B, O>, O extends OnePassOptions<O>>
        extends RunBuilder<B> {

    private O options;

    /** For the builders of this SDK's modules, starting from {@code options}. */
    protected OnePassBuilder(O options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Photos scaled to this long side before stylizing (default: each photo's own size); see
     * {@link OnePassOptions#withSize(int)}.
     *
     * @throws IllegalArgumentException naming the value unless it is from 16 to 4096
     */
    public final B size(int pixels) {
        return change(o -> o.withSize(pixels));
    }

    /**
     * Photos whose (padded) longer side exceeds this are stylized in overlapping tiles of at most
     * this side, with instance-norm statistics from the whole photo (default {@value
     * OnePassOptions#DEFAULT_MAX_TILE}; at least 132); see {@link OnePassOptions#withMaxTile(int)}.
     *
     * @throws IllegalArgumentException if {@code pixels} is below 132
     */
    public final B maxTile(int pixels) {
        return change(o -> o.withMaxTile(pixels));
    }

    /**
     * The method's settings whole, replacing those given so far.
     *
     * @throws NullPointerException if {@code options} is null
     */
    public final B options(O options) {
        this.options = Objects.requireNonNull(options, "options");
        return self();
    }

    /** The settings given so far. */
    protected final O options() {
        return options;
    }

    /** Replaces the settings with {@code change} of them, which checks its value. */
    protected final B change(UnaryOperator<O> change) {
        options = change.apply(options);
        return self();
    }
}
