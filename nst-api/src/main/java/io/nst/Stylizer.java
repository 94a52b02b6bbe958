package io.nst;

import java.awt.image.BufferedImage;

/**
 * Networks loaded once that repaint photos in one pass: the one-pass methods ({@code FastStylizer}
 * for a trained style, {@code ArbitraryStylizer} bound to a painting's style) behind one interface,
 * so that a program, a server or a batch job stylizes without knowing which it holds.
 *
 * <p><b>Resources.</b> A stylizer holds native memory (the compiled networks) from its
 * {@code build()} until {@link #close()}; a program that makes one per photo pays the load each
 * time, so keep one for as long as photos come.
 *
 * <p><b>Threads.</b> Implementations are thread-safe: calls from several threads run one after
 * another (the engine already uses every core for one call). {@link #close()} may come from any
 * thread at any time, also twice: it waits for the call in flight (which stops at its next tile
 * when it is a large photo) and only then frees the networks; a call made after it fails with a
 * {@link StyleTransferException} of kind {@link StyleTransferException.Kind#CLOSED}. An interrupted
 * call stops between tiles and statistics passes with kind {@link StyleTransferException.Kind#CANCELLED},
 * the thread's interrupt kept set.
 */
public interface Stylizer extends AutoCloseable {

    /**
     * {@code photo} repainted, at the stylizer's {@code size} when one was set, else at its own size.
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} for an image below 4x4 pixels,
     *     {@code CANCELLED} when the thread was interrupted, {@code CLOSED} after {@link #close()},
     *     {@code ENGINE} when the engine fails
     * @throws NullPointerException if {@code photo} is null
     */
    BufferedImage stylize(BufferedImage photo);

    /** The backend's name ({@code onnxruntime}, {@code pytorch}, {@code tensorflow}). */
    String backend();

    /** {@code cpu} or {@code gpu}. */
    String device();

    /** Frees the networks once no call is running; a second call does nothing. */
    @Override
    void close();
}
