package io.nst.backend.tensorflow;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel run through its {@code serving_default} signature: a float image input
 * {@code [1, 3, H, W]}, optionally a float condition input {@code [1, S]} (a style vector), and
 * one float output {@code [1, C, H', W']}, as {@code ./nst export --format savedmodel} writes
 * them.
 */
final class TfSavedModel implements CompiledNetwork {

    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final String input;
    private final String condition;
    private final int conditionSize;
    private final Path directory;

    TfSavedModel(Path directory) {
        TfNatives.engine();
        this.directory = directory;
        try {
            this.bundle = SavedModelBundle.loader(directory.toString())
                    .withTags(SavedModelBundle.DEFAULT_TAG)
                    .withConfigProto(TfNatives.sessionConfig(false))
                    .load();
        } catch (RuntimeException e) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT, directory + ": not a SavedModel TensorFlow can load (" + e.getMessage() + ")", e);
        }
        try {
            this.function = bundle.function(Signature.DEFAULT_KEY);
            Signature signature = function.signature();
            Map<String, Signature.TensorDescription> inputs = signature.getInputs();
            if (inputs.isEmpty() || inputs.size() > 2 || signature.outputNames().size() != 1) {
                throw new StyleTransferException(
                        Kind.BAD_INPUT,
                        directory + " is not a style network: its serving signature has "
                                + inputs.size() + " inputs and "
                                + signature.outputNames().size() + " outputs");
            }
            String image = null;
            String vector = null;
            for (var in : inputs.entrySet()) {
                if (in.getValue().shape.numDimensions() == 4 && image == null) {
                    image = in.getKey();
                } else if (in.getValue().shape.numDimensions() == 2 && vector == null) {
                    vector = in.getKey();
                } else {
                    throw new StyleTransferException(
                            Kind.BAD_INPUT,
                            directory + " is not a style network: its input " + in.getKey()
                                    + " is " + in.getValue().shape + "; expected an image [1, 3, H, W] and optionally"
                                    + " a condition [1, S]");
                }
            }
            if (image == null) {
                throw new StyleTransferException(
                        Kind.BAD_INPUT, directory + " is not a style network: it has no image input");
            }
            this.input = image;
            this.condition = vector;
            this.conditionSize =
                    vector == null ? 0 : (int) inputs.get(vector).shape.get(1);
        } catch (RuntimeException e) {
            bundle.close();
            throw e instanceof StyleTransferException s
                    ? s
                    : new StyleTransferException(Kind.BAD_INPUT, directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FloatTensor apply(FloatTensor image, float[] vector) {
        NetworkSpec.checkCondition(directory.toString(), conditionSize, vector);
        try (TFloat32 x = TFloat32.tensorOf(
                        Shape.of(1, image.channels(), image.height(), image.width()), DataBuffers.of(image.data()));
                TFloat32 c = TFloat32.tensorOf(Shape.of(1, vector.length), DataBuffers.of(vector));
                Result result = function.call(condition == null ? Map.of(input, x) : Map.of(input, x, condition, c))) {
            Tensor out = result.get(0);
            if (!(out instanceof TFloat32 y) || y.shape().numDimensions() != 4) {
                throw new StyleTransferException(
                        Kind.BAD_INPUT, "the SavedModel's output is not a float image: " + out.shape());
            }
            float[] data = new float[(int) y.shape().size()];
            y.copyTo(DataBuffers.of(data));
            return new FloatTensor(
                    (int) y.shape().get(1),
                    (int) y.shape().get(2),
                    (int) y.shape().get(3),
                    data);
        } catch (RuntimeException e) {
            throw e instanceof StyleTransferException s
                    ? s
                    : new StyleTransferException(Kind.ENGINE, "TensorFlow failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
