package io.nst.djl;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.nst.Limits;
import io.nst.Method;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.StyleVector;
import io.nst.fast.internal.OnePass;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The pixels around Magenta's arbitrary-style transformer, as {@link ArbitraryStylizer} makes them
 * at full strength: the painting's style from the stylizer's predictor ({@link
 * ArbitraryStylizer#styleOf}), the photo at the requested long side, RGB in {@code 0..1}, channels
 * first, padded to multiples of 4, as the input {@code input}, the style as {@code condition}
 * {@code [1, 100]}; the output cropped, rounded and clamped. A photo is stylized whole. Thread-safe
 * as the stylizer is.
 */
public final class ArbitraryStyleTranslator implements NoBatchifyTranslator<ArbitraryStyleTranslator.Input, Image> {

    /**
     * A photo and the painting whose style it is repainted in.
     *
     * @param photo the photo
     * @param painting the painting
     */
    public record Input(Image photo, Image painting) {
        /**
         * @throws NullPointerException if either is null
         */
        public Input {
            Objects.requireNonNull(photo, "photo");
            Objects.requireNonNull(painting, "painting");
        }
    }

    private final ArbitraryStylizer predictor;
    private final OptionalInt size;

    /**
     * Takes the paintings' styles from {@code predictor}, which stays the caller's to close;
     * photos stylized at their own size.
     *
     * @throws NullPointerException if {@code predictor} is null
     */
    public ArbitraryStyleTranslator(ArbitraryStylizer predictor) {
        this(predictor, OptionalInt.empty());
    }

    /**
     * The same with photos scaled to a long side of {@code pixels} first.
     *
     * @throws IllegalArgumentException unless {@code pixels} is within {@link Limits#size}
     */
    public ArbitraryStyleTranslator(ArbitraryStylizer predictor, int pixels) {
        this(predictor, OptionalInt.of(pixels));
    }

    ArbitraryStyleTranslator(ArbitraryStylizer predictor, OptionalInt size) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        size.ifPresent(pixels -> Limits.size("size", pixels));
        this.size = size;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Input input) {
        StyleVector style = predictor.styleOf(Pixels.of(input.painting()));
        NDList list = Pixels.networkInput(ctx, OnePass.sized(Pixels.of(input.photo()), size, Method.ARBITRARY), 1f);
        NDArray condition = ctx.getNDManager().create(style.values(), new Shape(1, StyleVector.SIZE));
        condition.setName("condition");
        list.add(condition);
        return list;
    }

    @Override
    public Image processOutput(TranslatorContext ctx, NDList list) {
        return Pixels.image(ctx, list, 1f);
    }
}
