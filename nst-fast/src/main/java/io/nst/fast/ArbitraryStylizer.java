package io.nst.fast;

import io.nst.ArbitraryOptions;
import io.nst.ImageSource;
import io.nst.Limits;
import io.nst.Method;
import io.nst.OnePassBuilder;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import io.nst.fast.internal.OnePass;
import io.nst.internal.ImageTensors;
import io.nst.internal.Luminance;
import io.nst.models.internal.ArbitraryStyleNetworks;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Any painting in one pass (Magenta's arbitrary image stylization, Ghiasi et al. 2017): a style
 * predictor turns a painting into a {@link StyleVector}, and a transformer conditioned on that
 * vector repaints a photo of any size. Both networks are compiled once; the style vector is an
 * input of the transformer, so any number of styles cost nothing more.
 *
 * <p>A stylizer built with a style ({@link Builder#style(StyleVector)} or paintings) is a {@link
 * Stylizer} of that style; {@link #withStyle} gives a {@link Stylizer} of another style sharing these
 * networks, and {@link #stylize(BufferedImage, StyleVector)} takes a style per call. Keep the vectors
 * of the paintings you use again: they are small values ({@link StyleVector#values()}).
 *
 * <pre>{@code
 * try (ArbitraryStylizer starry = ArbitraryStylizer.builder().style(ImageSource.of(painting), 1).build()) {
 *     Images.write(starry.stylize(Images.read(photo)), out);
 * }
 * }</pre>
 *
 * Holds native memory until closed. Thread-safe, with the lifecycle of every {@link Stylizer}.
 */
public final class ArbitraryStylizer extends NativeStylizer {

    private final RunSettings settings;
    private final ArbitraryOptions options;
    /** The style {@link #stylize(BufferedImage)} uses, or null when none was given. */
    private final StyleVector style;

    private final CompiledNetwork predictor;
    /**
     * The predictor's input, written over by each painting (see {@link NativeStylizer}'s input);
     * only read and written inside {@link #guard}.
     */
    private float[] styleInput;

    /** The predictor and the transformer compiled for their backend. */
    private record Loaded(
            Backend backend,
            boolean gpu,
            NetworkSpec transformerSpec,
            CompiledNetwork predictor,
            CompiledNetwork transformer) {

        static Loaded of(RunSettings settings) {
            Backend backend = Backends.select(settings.backend(), Capability.FAST_INFERENCE);
            EngineStart engine = EngineStart.begin(backend);
            NetworkSpec predictorSpec;
            NetworkSpec transformerSpec;
            try {
                predictorSpec = ArbitraryStyleNetworks.predictor(settings.repository());
                transformerSpec = ArbitraryStyleNetworks.transformer(settings.repository());
            } catch (IOException e) {
                throw new StyleTransferException(Kind.NOT_FOUND, "the arbitrary-style networks: " + e.getMessage(), e);
            }
            engine.await();
            boolean gpu = backend.useGpu(settings.device());
            CompiledNetwork predictor = backend.compile(predictorSpec, gpu);
            try {
                return new Loaded(backend, gpu, transformerSpec, predictor, backend.compile(transformerSpec, gpu));
            } catch (RuntimeException e) {
                predictor.close();
                throw e;
            }
        }

        void close() {
            try (predictor) {
                transformer.close();
            }
        }
    }

    private ArbitraryStylizer(Builder b, RunSettings settings, ArbitraryOptions options, Loaded loaded) {
        super(
                loaded.backend(),
                loaded.gpu(),
                loaded.transformer(),
                loaded.transformerSpec(),
                1f,
                options.maxTile(),
                part -> loaded.backend().compile(part, loaded.gpu()),
                "ArbitraryStylizer[on " + loaded.backend().name() + "]",
                loaded::close);
        this.settings = settings;
        this.options = options;
        this.predictor = loaded.predictor();
        try {
            this.style = b.style != null ? b.style : blend(b.paintings, b.weights);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private StyleVector blend(List<ImageSource> paintings, List<Double> weights) {
        if (paintings.isEmpty()) {
            return null;
        }
        List<StyleVector> vectors = new ArrayList<>();
        for (ImageSource painting : paintings) {
            vectors.add(styleOf(painting.read(Limits.DEFAULT_MAX_PIXELS)));
        }
        return StyleVector.blend(vectors, weights);
    }

    /** A builder; every setting has a default, and a style is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this stylizer's settings and style, to build a variant (which compiles its
     * own networks).
     */
    public Builder toBuilder() {
        Builder b = new Builder().settings(settings).options(options);
        b.style = style;
        return b;
    }

    @Override
    NativeStylizer rebuilt() {
        return toBuilder().build();
    }

    /**
     * The style of {@code painting}: its central square at {@value ArbitraryStyleNetworks#STYLE_SIZE}
     * pixels through the predictor.
     *
     * @throws StyleTransferException of kind {@code CANCELLED} or {@code CLOSED}, as {@link #stylize}
     */
    public StyleVector styleOf(BufferedImage painting) {
        Objects.requireNonNull(painting, "painting");
        int side = Math.min(painting.getWidth(), painting.getHeight());
        BufferedImage square =
                painting.getSubimage((painting.getWidth() - side) / 2, (painting.getHeight() - side) / 2, side, side);
        int size = ArbitraryStyleNetworks.STYLE_SIZE;
        if (side != size) {
            return styleOf(ImageTensors.toTensor(square));
        }
        return predict(() -> ImageTensors.toTensor(square, 1f, size, size, styleInput));
    }

    /** The style of a square painting, RGB in {@code [0, 1]}, channels first. */
    StyleVector styleOf(FloatTensor painting) {
        int size = ArbitraryStyleNetworks.STYLE_SIZE;
        return predict(() -> resizeBilinear(painting, size, size, styleInput));
    }

    /** The style vector of the predictor's input that {@code input} makes inside the guard. */
    private StyleVector predict(Supplier<FloatTensor> input) {
        return guard.call(() -> {
            FloatTensor prepared = input.get();
            styleInput = prepared.data();
            return StyleVector.of(predictor.apply(prepared).data());
        });
    }

    /**
     * {@code photo} repainted in the style this stylizer was built with; see {@link
     * #stylize(BufferedImage, StyleVector)}.
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} when it was built without a style,
     *     and as {@link #stylize(BufferedImage, StyleVector, double)}
     */
    @Override
    public BufferedImage stylize(BufferedImage photo) {
        return stylize(photo, (ClipNorms) null);
    }

    @Override
    BufferedImage stylize(BufferedImage photo, ClipNorms clip) {
        if (style == null) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT,
                    "this ArbitraryStylizer has no style: give one to its builder (style(..)), use"
                            + " withStyle(vector), or pass one to stylize(photo, style)");
        }
        return stylize(photo, style, options.strength(), clip);
    }

    /**
     * {@code photo} repainted in {@code style}, at the builder's size or its own (at least 4x4);
     * with a strength below 1 the photo's own style is mixed in, and with preserved colours only
     * the stylization's luminance is kept, on the photo's colours.
     *
     * @throws StyleTransferException as {@link #stylize(BufferedImage, StyleVector, double)}
     */
    public BufferedImage stylize(BufferedImage photo, StyleVector style) {
        return stylize(photo, style, options.strength());
    }

    /**
     * The same with this call's own strength instead of the builder's.
     *
     * @throws IllegalArgumentException unless {@code strength} is between 0 and 1
     * @throws StyleTransferException of kind {@code BAD_INPUT} for an image below 4x4, {@code
     *     CANCELLED} when the thread is interrupted (between tiles), {@code CLOSED} after {@link
     *     #close()}, {@code ENGINE} when the engine fails
     */
    public BufferedImage stylize(BufferedImage photo, StyleVector style, double strength) {
        return stylize(photo, style, strength, null);
    }

    private BufferedImage stylize(BufferedImage photo, StyleVector style, double strength, ClipNorms clip) {
        Limits.strength("strength", strength);
        Objects.requireNonNull(style, "style");
        BufferedImage sized = OnePass.sized(photo, options.size(), Method.ARBITRARY);
        StyleVector mixed = strength == 1 ? style : styleOf(sized).interpolate(style, strength);
        if (!options.preserveColors()) {
            return pass(sized, mixed.shared(), clip);
        }
        FloatTensor image = ImageTensors.toTensor(sized);
        return ImageTensors.toImage(Luminance.recolor(pass(image, mixed.shared(), clip), image));
    }

    /**
     * A {@link Stylizer} of {@code style} at this stylizer's strength that shares these networks:
     * closing it does nothing, and it fails with kind {@code CLOSED} once this stylizer is closed.
     */
    public Stylizer withStyle(StyleVector style) {
        return withStyle(style, options.strength());
    }

    /**
     * The same at {@code strength}.
     *
     * @throws IllegalArgumentException unless {@code strength} is between 0 and 1
     */
    public Stylizer withStyle(StyleVector style, double strength) {
        Objects.requireNonNull(style, "style");
        Limits.strength("strength", strength);
        return new Stylizer() {
            @Override
            public BufferedImage stylize(BufferedImage photo) {
                return ArbitraryStylizer.this.stylize(photo, style, strength);
            }

            @Override
            public String backend() {
                return ArbitraryStylizer.this.backend();
            }

            @Override
            public String device() {
                return ArbitraryStylizer.this.device();
            }

            @Override
            public void close() {
                // The networks belong to the stylizer this view came from.
            }
        };
    }

    /**
     * RGB in {@code [0, 1]} to RGB in {@code [0, 1]}, {@code style} at full strength. An image
     * whose padded side exceeds the largest tile is stylized in tiles, with the instance norms'
     * statistics of the whole image.
     */
    FloatTensor stylize(FloatTensor image, StyleVector style) {
        return pass(image, style.shared(), null);
    }

    /**
     * Bilinear resampling with half-pixel centres and no antialiasing ({@code tf.image.resize}),
     * the preparation the predictor was trained with; written into {@code reuse} when it is of the
     * result's size (an image of that size is copied into it).
     */
    private static FloatTensor resizeBilinear(FloatTensor image, int height, int width, float[] reuse) {
        int h = image.height();
        int w = image.width();
        float[] out = reuse != null && reuse.length == 3 * height * width ? reuse : new float[3 * height * width];
        if (h == height && w == width) {
            System.arraycopy(image.data(), 0, out, 0, out.length);
            return new FloatTensor(3, height, width, out);
        }
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0, (y + 0.5) * h / height - 0.5);
            int y0 = Math.min((int) sy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max(0, (x + 0.5) * w / width - 0.5);
                int x0 = Math.min((int) sx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    float[] d = image.data();
                    int base = c * h * w;
                    double top = d[base + y0 * w + x0] * (1 - fx) + d[base + y0 * w + x1] * fx;
                    double bottom = d[base + y1 * w + x0] * (1 - fx) + d[base + y1 * w + x1] * fx;
                    out[(c * height + y) * width + x] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return new FloatTensor(3, height, width, out);
    }

    /** The settings this stylizer was built with. */
    public ArbitraryOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "ArbitraryStylizer[on " + backend.name() + (style == null ? "" : ", " + style) + "]";
    }

    /** Configures an {@link ArbitraryStylizer}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder extends OnePassBuilder<Builder, ArbitraryOptions> {
        private StyleVector style;
        private final List<ImageSource> paintings = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        private Builder() {
            super(ArbitraryOptions.defaults());
        }

        /**
         * The style {@link #stylize(BufferedImage)} uses; replaces paintings given before.
         *
         * @throws NullPointerException if {@code style} is null
         */
        public Builder style(StyleVector style) {
            this.style = Objects.requireNonNull(style, "style");
            paintings.clear();
            weights.clear();
            return this;
        }

        /**
         * Adds a painting whose style, blended with the other paintings' by their relative weights,
         * {@link #stylize(BufferedImage)} uses; its style vector is computed by {@link #build()}.
         * Replaces a style vector given before.
         *
         * @throws IllegalArgumentException unless {@code blendWeight} is positive and finite
         * @throws NullPointerException if {@code painting} is null
         */
        public Builder style(ImageSource painting, double blendWeight) {
            Objects.requireNonNull(painting, "painting");
            Limits.blendWeight(blendWeight);
            style = null;
            paintings.add(painting);
            weights.add(blendWeight);
            return this;
        }

        /**
         * How much of the painting's style (default 1); see {@link ArbitraryOptions#withStrength}.
         *
         * @throws IllegalArgumentException unless {@code strength} is between 0 and 1
         */
        public Builder strength(double strength) {
            return change(o -> o.withStrength(strength));
        }

        /** Keep the photo's colours and take only the stylization's luminance (default false). */
        public Builder preserveColors(boolean preserve) {
            return change(o -> o.withPreserveColors(preserve));
        }

        /**
         * Compiles the predictor and the transformer, and computes the paintings' style; the
         * builder can be changed and reused afterwards.
         *
         * @throws StyleTransferException if the networks cannot be had ({@code NOT_FOUND}) or
         *     compiled, or a painting cannot be read
         */
        public ArbitraryStylizer build() {
            return new ArbitraryStylizer(this, runSettings(), options(), Loaded.of(runSettings()));
        }
    }
}
