package io.nst.djl;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.nst.Limits;
import io.nst.Method;
import io.nst.fast.internal.OnePass;
import java.awt.image.BufferedImage;
import java.util.OptionalInt;

/**
 * The pixels around a fast style's network, as {@link io.nst.fast.FastStylizer} makes them: the
 * photo at the requested long side (its own by default), RGB in {@code 0..255}, channels first,
 * padded to sides that are multiples of 4 by repeating its last row and column; the output cropped
 * to the photo, rounded and clamped. For the networks {@code ./nst export} and the {@code
 * fast-style} model of {@link NstModelZoo} give; a photo is stylized whole (the SDK's stylizer
 * tiles photos over 1024 pixels, with the whole photo's statistics, so there the two differ).
 * Immutable and thread-safe.
 */
public final class FastStyleTranslator implements NoBatchifyTranslator<Image, Image> {

    private final OptionalInt size;

    /** Photos stylized at their own size. */
    public FastStyleTranslator() {
        this(OptionalInt.empty());
    }

    /**
     * Photos scaled to a long side of {@code pixels} first.
     *
     * @throws IllegalArgumentException unless {@code pixels} is within {@link Limits#size}
     */
    public FastStyleTranslator(int pixels) {
        this(OptionalInt.of(Limits.size("size", pixels)));
    }

    FastStyleTranslator(OptionalInt size) {
        size.ifPresent(pixels -> Limits.size("size", pixels));
        this.size = size;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        BufferedImage photo = OnePass.sized(Pixels.of(input), size, Method.FAST);
        return Pixels.networkInput(ctx, photo, OnePass.TRANSFER_PIXEL_SCALE);
    }

    @Override
    public Image processOutput(TranslatorContext ctx, NDList list) {
        return Pixels.image(ctx, list, OnePass.TRANSFER_PIXEL_SCALE);
    }
}
