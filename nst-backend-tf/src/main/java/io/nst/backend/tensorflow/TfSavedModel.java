package io.nst.backend.tensorflow;

import io.nst.StyleTransferException;
import io.nst.net.FloatTensor;
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
 * A SavedModel run through its {@code serving_default} signature: one float input
 * {@code [1, 3, H, W]}, one float output {@code [1, C, H', W']}, as {@code ./nst export
 * --format savedmodel} writes them.
 */
final class TfSavedModel implements CompiledNetwork {

    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final String input;

    TfSavedModel(Path directory) {
        TfNatives.engine();
        try {
            this.bundle = SavedModelBundle.load(directory.toString(), SavedModelBundle.DEFAULT_TAG);
        } catch (RuntimeException e) {
            throw new StyleTransferException(
                    directory + ": not a SavedModel TensorFlow can load (" + e.getMessage() + ")", e);
        }
        try {
            this.function = bundle.function(Signature.DEFAULT_KEY);
            Signature signature = function.signature();
            if (signature.inputNames().size() != 1 || signature.outputNames().size() != 1) {
                throw new StyleTransferException(directory + " is not a style network: its serving signature has "
                        + signature.inputNames().size() + " inputs and "
                        + signature.outputNames().size() + " outputs");
            }
            this.input = signature.inputNames().iterator().next();
        } catch (RuntimeException e) {
            bundle.close();
            throw e instanceof StyleTransferException s
                    ? s
                    : new StyleTransferException(directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FloatTensor apply(FloatTensor image) {
        try (TFloat32 x = TFloat32.tensorOf(
                        Shape.of(1, image.channels(), image.height(), image.width()), DataBuffers.of(image.data()));
                Result result = function.call(Map.of(input, x))) {
            Tensor out = result.get(0);
            if (!(out instanceof TFloat32 y) || y.shape().numDimensions() != 4) {
                throw new StyleTransferException("the SavedModel's output is not a float image: " + out.shape());
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
                    : new StyleTransferException("TensorFlow failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
