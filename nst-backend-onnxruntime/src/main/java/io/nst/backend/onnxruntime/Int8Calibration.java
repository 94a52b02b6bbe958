package io.nst.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.Calibration;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Gathers a network's activation ranges by running its {@linkplain OnnxExporter#probe probe} on photos. */
final class Int8Calibration {

    private Int8Calibration() {}

    /**
     * The ranges at every probed point of {@code network} over {@code photos}.
     *
     * @throws IllegalArgumentException for a network that takes a condition, or no photos
     * @throws StyleTransferException of kind {@code CANCELLED} when the thread is interrupted
     *     (between photos; the interrupt is kept)
     */
    static Calibration of(NetworkSpec network, List<FloatTensor> photos) {
        if (network.conditionSize() > 0) {
            throw new IllegalArgumentException(
                    network.name() + " takes a condition; only networks that take none can be calibrated");
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("calibrating " + network.name() + " needs at least one photo");
        }
        OrtEnvironment environment = OnnxRuntimeBackend.environment();
        Map<String, ChannelRanges> ranges = new TreeMap<>();
        try (OrtSession.SessionOptions options = OnnxRuntimeBackend.options(false);
                OrtSession probe = environment.createSession(OnnxExporter.probe(network), options)) {
            for (FloatTensor photo : photos) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StyleTransferException(
                            Kind.CANCELLED, network.name() + ": interrupted while calibrating; nothing was cached");
                }
                long[] shape = {1, photo.channels(), photo.height(), photo.width()};
                try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(photo.data()), shape);
                        OrtSession.Result result = probe.run(Map.of(OnnxExporter.INPUT, input))) {
                    for (var output : result) {
                        if (output.getKey().equals(OnnxExporter.OUTPUT)) {
                            continue;
                        }
                        OnnxTensor tensor = (OnnxTensor) output.getValue();
                        FloatBuffer buffer = tensor.getFloatBuffer();
                        float[] values = new float[buffer.remaining()];
                        buffer.get(values);
                        int channels = (int) tensor.getInfo().getShape()[1];
                        ranges.merge(output.getKey(), ChannelRanges.of(values, channels), ChannelRanges::union);
                    }
                }
            }
        } catch (OrtException e) {
            throw new StyleTransferException(
                    Kind.ENGINE, "ONNX Runtime failed to calibrate " + network.name() + ": " + e.getMessage(), e);
        }
        Map<String, float[]> min = new TreeMap<>();
        Map<String, float[]> max = new TreeMap<>();
        ranges.forEach((point, range) -> {
            min.put(point, range.min());
            max.put(point, range.max());
        });
        return Calibration.of(min, max);
    }
}
