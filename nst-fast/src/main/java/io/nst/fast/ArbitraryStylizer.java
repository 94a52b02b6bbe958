package io.nst.fast;

import io.nst.Device;
import io.nst.Images;
import io.nst.Luminance;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.models.ArbitraryStyleNetworks;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;

/**
 * Any painting in one pass (Magenta's arbitrary image stylization, Ghiasi et al. 2017): a style
 * predictor turns a painting into a {@link StyleVector}, and a transformer conditioned on that
 * vector repaints a photo of any size. Both networks are compiled once; the style vector is an
 * input of the transformer, so any number of styles cost nothing more. Keep the vectors of the
 * paintings you use again: they are small values ({@link StyleVector#values()}).
 *
 * <pre>{@code
 * try (ArbitraryStylizer stylizer = ArbitraryStylizer.builder().build()) {
 *     StyleVector starry = stylizer.styleOf(Images.read(painting));
 *     Images.write(stylizer.stylize(Images.read(photo), starry), out);
 * }
 * }</pre>
 *
 * Holds native memory until closed. Not thread-safe: use one per thread.
 */
public final class ArbitraryStylizer implements AutoCloseable {

    private final Backend backend;
    private final boolean gpu;
    private final double strength;
    private final boolean preserveColors;
    private final int maxTile;
    private final NetworkSpec transformerSpec;
    private final CompiledNetwork predictor;
    private final CompiledNetwork transformer;

    private ArbitraryStylizer(Builder b) {
        RunSettings settings = b.run.build();
        this.backend = Backends.select(settings.backend(), Capability.FAST_INFERENCE);
        this.gpu = backend.useGpu(settings.device());
        ModelRepository repository = settings.repository();
        this.strength = b.strength;
        this.preserveColors = b.preserveColors;
        this.maxTile = b.maxTile;
        NetworkSpec predictorSpec;
        try {
            predictorSpec = ArbitraryStyleNetworks.predictor(repository);
            this.transformerSpec = ArbitraryStyleNetworks.transformer(repository);
        } catch (IOException e) {
            throw new StyleTransferException("the arbitrary-style networks: " + e.getMessage(), e);
        }
        this.predictor = backend.compile(predictorSpec, gpu);
        try {
            this.transformer = backend.compile(transformerSpec, gpu);
        } catch (RuntimeException e) {
            predictor.close();
            throw e;
        }
    }

    /** A builder; every setting has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The style of {@code painting}: its central square at {@value ArbitraryStyleNetworks#STYLE_SIZE}
     * pixels through the predictor.
     */
    public StyleVector styleOf(BufferedImage painting) {
        int side = Math.min(painting.getWidth(), painting.getHeight());
        BufferedImage square =
                painting.getSubimage((painting.getWidth() - side) / 2, (painting.getHeight() - side) / 2, side, side);
        return styleOf(Images.toTensor(square));
    }

    /** The style of a square painting, RGB in {@code [0, 1]}, channels first. */
    StyleVector styleOf(FloatTensor painting) {
        int size = ArbitraryStyleNetworks.STYLE_SIZE;
        return StyleVector.of(
                predictor.apply(resizeBilinear(painting, size, size)).data());
    }

    /**
     * {@code photo} repainted in {@code style}, at its own size (at least 4x4); with a strength
     * below 1 the photo's own style is mixed in, and with preserved colours only the stylization's
     * luminance is kept, on the photo's colours.
     */
    public BufferedImage stylize(BufferedImage photo, StyleVector style) {
        return stylize(photo, style, strength);
    }

    /**
     * The same with this call's own strength instead of the builder's, for a server whose
     * requests each ask for one.
     *
     * @throws IllegalArgumentException unless {@code strength} is between 0 and 1
     */
    public BufferedImage stylize(BufferedImage photo, StyleVector style, double strength) {
        checkStrength(strength);
        Objects.requireNonNull(style, "style");
        if (photo.getWidth() < 4 || photo.getHeight() < 4) {
            throw new StyleTransferException(photo.getWidth() + "x" + photo.getHeight()
                    + " is too small for the arbitrary method (at least 4x4)");
        }
        FloatTensor image = Images.toTensor(photo);
        StyleVector mixed = strength == 1 ? style : styleOf(photo).interpolate(style, strength);
        FloatTensor stylized = stylize(image, mixed);
        return Images.toImage(preserveColors ? Luminance.recolor(stylized, image) : stylized);
    }

    /**
     * RGB in {@code [0, 1]} to RGB in {@code [0, 1]}, {@code style} at full strength. An image
     * whose padded side exceeds the largest tile is stylized in tiles, with the instance norms'
     * statistics of the whole image.
     */
    FloatTensor stylize(FloatTensor image, StyleVector style) {
        FloatTensor padded = FastStylizer.padToMultipleOf4(image, 1f);
        FloatTensor out = Math.max(padded.height(), padded.width()) <= maxTile
                ? transformer.apply(padded, style.shared())
                : new TiledInference(backend, gpu, transformerSpec.given(style.shared()), maxTile).run(padded);
        return FastStylizer.crop(out, padded, image.height(), image.width(), 1f);
    }

    /**
     * Bilinear resampling with half-pixel centres and no antialiasing ({@code tf.image.resize}),
     * the preparation the predictor was trained with.
     */
    static FloatTensor resizeBilinear(FloatTensor image, int height, int width) {
        int h = image.height();
        int w = image.width();
        if (h == height && w == width) {
            return image;
        }
        float[] out = new float[3 * height * width];
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

    private static double checkStrength(double strength) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be between 0 and 1, got " + strength);
        }
        return strength;
    }

    /** The backend's name. */
    public String backend() {
        return backend.name();
    }

    /** {@code cpu} or {@code gpu}. */
    public String device() {
        return gpu ? "gpu" : "cpu";
    }

    /** Frees the compiled networks. */
    @Override
    public void close() {
        try (predictor) {
            transformer.close();
        }
    }

    /** Configures an {@link ArbitraryStylizer}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private RunSettings.Builder run = RunSettings.builder();
        private double strength = 1;
        private boolean preserveColors;
        private int maxTile = FastStylizer.DEFAULT_MAX_TILE;

        private Builder() {}

        /** Backend, device and repository at once; see {@link RunSettings}. */
        public Builder settings(RunSettings settings) {
            this.run = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /** See {@link RunSettings.Builder#backend(String)}. */
        public Builder backend(String name) {
            run.backend(name);
            return this;
        }

        /** See {@link RunSettings.Builder#device(Device)}. */
        public Builder device(Device device) {
            run.device(device);
            return this;
        }

        /** See {@link RunSettings.Builder#repository(ModelRepository)}. */
        public Builder repository(ModelRepository repository) {
            run.repository(repository);
            return this;
        }

        /**
         * How much of the painting's style (default 1): below 1 the photo's own style is mixed
         * in, {@code s * painting + (1 - s) * photo}.
         *
         * @throws IllegalArgumentException unless {@code strength} is between 0 and 1
         */
        public Builder strength(double strength) {
            this.strength = checkStrength(strength);
            return this;
        }

        /** Keep the photo's colours and take only the stylization's luminance (default false). */
        public Builder preserveColors(boolean preserve) {
            this.preserveColors = preserve;
            return this;
        }

        /**
         * Photos whose (padded) longer side exceeds this are stylized in overlapping tiles of at
         * most this side, with instance-norm statistics from the whole photo, as {@link
         * FastStylizer.Builder#maxTile(int)} (default {@value FastStylizer#DEFAULT_MAX_TILE}; at
         * least 132).
         *
         * @throws IllegalArgumentException if {@code pixels} is below 132
         */
        public Builder maxTile(int pixels) {
            this.maxTile = TiledInference.checkMaxTile(pixels);
            return this;
        }

        /**
         * Compiles the predictor and the transformer; the builder can be changed and reused afterwards.
         *
         * @throws StyleTransferException if the networks cannot be had or compiled
         */
        public ArbitraryStylizer build() {
            return new ArbitraryStylizer(this);
        }
    }
}
