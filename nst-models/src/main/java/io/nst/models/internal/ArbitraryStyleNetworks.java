package io.nst.models.internal;

import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import java.io.IOException;

/**
 * Magenta's arbitrary-style pair (Ghiasi et al. 2017) as network descriptions every backend
 * compiles: the style predictor (MobileNetV2; a painting, RGB in {@code [0, 1]} at 256x256, to a
 * style vector of {@value #STYLE_VECTOR_SIZE} numbers, output {@code style} of shape
 * {@code [100, 1, 1]}) and the transformer (a photo, RGB in {@code [0, 1]}, sides multiples of 4,
 * and a style vector as its condition, to the stylization in {@code (0, 1)}, output {@code out}). The files come
 * from the repository; their int8 and float16 weights are expanded to float.
 *
 * <p>Stateless; safe to call from any thread. Each call reads the file again.
 */
public final class ArbitraryStyleNetworks {

    /** The length of a style vector. */
    public static final int STYLE_VECTOR_SIZE = 100;

    /** The side of the square painting the predictor takes. */
    public static final int STYLE_SIZE = 256;

    private static final String PREDICTOR = "models/arbitrary/magenta/style_predict_quantized_256.tflite";
    private static final String TRANSFORMER = "models/arbitrary/magenta/style_transfer_f16_384.tflite";

    private ArbitraryStyleNetworks() {}

    /**
     * The style predictor.
     *
     * @throws IOException if the file cannot be had or read
     */
    public static NetworkSpec predictor(ModelRepository repository) throws IOException {
        return TfliteNetworks.convert(
                TfliteGraph.read(repository.resolve(PREDICTOR)), "magenta-style-predictor", "style");
    }

    /**
     * The transformer: its {@value #STYLE_VECTOR_SIZE}-value condition vector is the style
     * vector, which sets the gamma and beta of its conditional instance norms.
     *
     * @throws IOException if the file cannot be had or read
     */
    public static NetworkSpec transformer(ModelRepository repository) throws IOException {
        return TfliteNetworks.convert(TfliteGraph.read(repository.resolve(TRANSFORMER)), "magenta-transformer", "out");
    }
}
