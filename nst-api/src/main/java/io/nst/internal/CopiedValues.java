package io.nst.internal;

import java.util.function.Consumer;

/**
 * Many settings held as one value that is never changed once made: each change is made to a fresh
 * copy, so that a built object and the builders derived from it can share the value without
 * copying it field by field (their {@code toBuilder()} is one line).
 *
 * @param <V> the concrete values class
 */
public abstract class CopiedValues<V extends CopiedValues<V>> implements Cloneable {

    /** For the values classes of the SDK's modules. */
    protected CopiedValues() {}

    /** A copy of these values with {@code change} made to it; these stay as they are. */
    @SuppressWarnings("unchecked")
    public final V with(Consumer<? super V> change) {
        try {
            V copy = (V) clone();
            change.accept(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
