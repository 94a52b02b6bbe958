package io.nst;

import static io.nst.Limits.requireArgument;

import io.nst.internal.CopiedValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Gatys method's settings: the output size, the loss weights, the optimiser and its
 * iterations, where it starts, the feature network and its layers, and progress reporting.
 * Immutable and safe to share (the listener is the caller's); each {@code with} method checks its
 * value at once and returns a changed copy.
 */
public final class GatysOptions implements MethodOptions {

    private static final GatysOptions DEFAULTS = new GatysOptions(new Values());

    private final Values v;

    private GatysOptions(Values v) {
        this.v = v;
    }

    /**
     * 512 pixels, {@link LossWeights#DEFAULT}, 300 L-BFGS iterations from the content photo with
     * seed 0, the default feature network and its layers, progress every 10 iterations to nobody.
     */
    public static GatysOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The same with another long side of the output, {@value Limits#MIN_SIZE} to
     * {@value Limits#MAX_SIZE} pixels (default 512).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public GatysOptions withSize(int pixels) {
        Limits.size("size", pixels);
        return with(c -> c.size = pixels);
    }

    /**
     * The same with other loss weights.
     *
     * @throws NullPointerException if {@code weights} is null
     */
    public GatysOptions withWeights(LossWeights weights) {
        Objects.requireNonNull(weights, "weights");
        return with(c -> c.weights = weights);
    }

    /**
     * The same with another number of optimiser iterations, at least 1 (default 300).
     *
     * @throws IllegalArgumentException if {@code iterations} is below 1
     */
    public GatysOptions withIterations(int iterations) {
        requireArgument(iterations >= 1, "iterations must be at least 1, got %d", iterations);
        return with(c -> c.iterations = iterations);
    }

    /** The same with another seed of every random choice (default 0). */
    public GatysOptions withSeed(long seed) {
        return with(c -> c.seed = seed);
    }

    /**
     * The same with another optimiser (default {@link Optimizer#LBFGS}).
     *
     * @throws NullPointerException if {@code optimizer} is null
     */
    public GatysOptions withOptimizer(Optimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer");
        return with(c -> c.optimizer = optimizer);
    }

    /**
     * The same with another Adam step size, for pixel values in {@code [0, 1]} (default 0.02).
     *
     * @throws IllegalArgumentException unless {@code rate} is positive and finite
     */
    public GatysOptions withLearningRate(double rate) {
        requireArgument(rate > 0 && !Double.isInfinite(rate), "learning rate must be positive, got %s", rate);
        return with(c -> c.learningRate = rate);
    }

    /**
     * The same starting from the content photo or from seeded noise ({@link Init#CONTENT}, {@link
     * Init#RANDOM}); {@link #withInitImage} starts from an image.
     *
     * @throws IllegalArgumentException for {@link Init#IMAGE}, which needs the image
     * @throws NullPointerException if {@code init} is null
     */
    public GatysOptions withInit(Init init) {
        Objects.requireNonNull(init, "init");
        requireArgument(init != Init.IMAGE, "init IMAGE needs the image: use withInitImage(image)");
        return with(c -> {
            c.init = init;
            c.initImage = null;
        });
    }

    /**
     * The same starting from {@code image}, resized to the content's size.
     *
     * @throws NullPointerException if {@code image} is null
     */
    public GatysOptions withInitImage(ImageSource image) {
        Objects.requireNonNull(image, "image");
        return with(c -> {
            c.init = Init.IMAGE;
            c.initImage = image;
        });
    }

    /**
     * The same holding the result near {@code anchor}'s image where its mask says so (a video
     * frame near the previous result carried along the motion); {@code null} for none (the default).
     */
    public GatysOptions withAnchor(Anchor anchor) {
        return with(c -> c.anchor = anchor);
    }

    /** The same transferring luminance only and keeping the content's colours, or not. */
    public GatysOptions withPreserveColors(boolean preserve) {
        return with(c -> c.preserveColors = preserve);
    }

    /**
     * The same with style paintings at {@code scale * size} on their long side, 0.1 to 4 (default 1).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public GatysOptions withStyleScale(double scale) {
        requireArgument(scale >= 0.1 && scale <= 4, "style scale must be between 0.1 and 4, got %s", scale);
        return with(c -> c.styleScale = scale);
    }

    /**
     * The same with another feature network (default Tiny Darknet); layers not given are its defaults.
     *
     * @throws NullPointerException if {@code network} is null
     */
    public GatysOptions withFeatures(FeatureNetwork network) {
        Objects.requireNonNull(network, "network");
        return with(c -> c.features = network);
    }

    /**
     * The same with another content layer, by name; checked against the network when the run starts.
     *
     * @throws NullPointerException if {@code layer} is null
     */
    public GatysOptions withContentLayer(String layer) {
        Objects.requireNonNull(layer, "layer");
        return with(c -> c.contentLayer = layer);
    }

    /**
     * The same with other style layers and their relative weights, in order.
     *
     * @throws IllegalArgumentException if there is no layer or a weight is not positive and finite
     * @throws NullPointerException if {@code layers} is null
     */
    public GatysOptions withStyleLayers(Map<String, Double> layers) {
        Map<String, Double> copy = new LinkedHashMap<>(Objects.requireNonNull(layers, "layers"));
        requireArgument(!copy.isEmpty(), "at least one style layer");
        copy.forEach((layer, w) -> requireArgument(
                w != null && w > 0 && !Double.isInfinite(w),
                "style layer %s needs a positive weight, got %s",
                layer,
                w));
        Map<String, Double> layersCopy = Collections.unmodifiableMap(copy);
        return with(c -> c.styleLayers = layersCopy);
    }

    /**
     * The same reporting progress every {@code n} iterations (default 10).
     *
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public GatysOptions withProgressEvery(int n) {
        requireArgument(n >= 1, "progress interval must be at least 1, got %d", n);
        return with(c -> c.progressEvery = n);
    }

    /** The same telling {@code listener} of the progress on the run's thread; {@code null} tells nobody. */
    public GatysOptions withListener(ProgressListener listener) {
        return with(c -> c.listener = listener);
    }

    @Override
    public Method method() {
        return Method.GATYS;
    }

    /** Long side of the output in pixels. */
    public int size() {
        return v.size;
    }

    /** The content, style and total-variation weights. */
    public LossWeights weights() {
        return v.weights;
    }

    /** The optimiser iterations to run. */
    public int iterations() {
        return v.iterations;
    }

    /** The seed of every random choice. */
    public long seed() {
        return v.seed;
    }

    /** L-BFGS or Adam. */
    public Optimizer optimizer() {
        return v.optimizer;
    }

    /** Adam's step size on pixel values in {@code [0, 1]}. */
    public double learningRate() {
        return v.learningRate;
    }

    /** Where the optimisation starts. */
    public Init init() {
        return v.init;
    }

    /** The starting image when {@link #init()} is {@link Init#IMAGE}. */
    public Optional<ImageSource> initImage() {
        return Optional.ofNullable(v.initImage);
    }

    /** Whether only luminance is transferred and the content's colours kept. */
    public boolean preserveColors() {
        return v.preserveColors;
    }

    /** Style images are resized to {@code styleScale * size} on their long side. */
    public double styleScale() {
        return v.styleScale;
    }

    /** The feature network given, or empty for the default one. */
    public Optional<FeatureNetwork> features() {
        return Optional.ofNullable(v.features);
    }

    /** The content layer given, or empty for the feature network's default. */
    public Optional<String> contentLayer() {
        return Optional.ofNullable(v.contentLayer);
    }

    /** The style layers given, or empty for the feature network's defaults. */
    public Optional<Map<String, Double>> styleLayers() {
        return Optional.ofNullable(v.styleLayers);
    }

    /** The listener hears every this many iterations. */
    public int progressEvery() {
        return v.progressEvery;
    }

    /** The image the result is held near, if any. */
    public Optional<Anchor> anchor() {
        return Optional.ofNullable(v.anchor);
    }

    /** The listener, if any. */
    public Optional<ProgressListener> listener() {
        return Optional.ofNullable(v.listener);
    }

    private GatysOptions with(Consumer<Values> change) {
        return new GatysOptions(v.with(change));
    }

    @Override
    public String toString() {
        return "GatysOptions[size=" + v.size + ", weights=" + v.weights + ", iterations=" + v.iterations
                + ", optimizer=" + v.optimizer + ", init=" + v.init + ", seed=" + v.seed + "]";
    }

    /** The fields, changed only on a fresh copy before it is wrapped. */
    private static final class Values extends CopiedValues<Values> {
        int size = 512;
        LossWeights weights = LossWeights.DEFAULT;
        int iterations = 300;
        long seed;
        Optimizer optimizer = Optimizer.LBFGS;
        double learningRate = 0.02;
        Init init = Init.CONTENT;
        ImageSource initImage;
        Anchor anchor;
        boolean preserveColors;
        double styleScale = 1;
        FeatureNetwork features;
        String contentLayer;
        Map<String, Double> styleLayers;
        int progressEvery = 10;
        ProgressListener listener;
    }
}
