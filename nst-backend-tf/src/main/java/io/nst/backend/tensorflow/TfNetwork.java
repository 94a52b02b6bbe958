package io.nst.backend.tensorflow;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** A network as a TensorFlow graph in an open session. */
final class TfNetwork implements CompiledNetwork {

    private final Graph graph;
    private final Session session;
    private final NetworkSpec network;
    private final TfGraphBuilder.Endpoints endpoints;

    /** @param bf16 whether the session rewrites the convolutions to bfloat16 (see {@link TfNatives#sessionConfig}) */
    TfNetwork(NetworkSpec network, boolean bf16) {
        TfNatives.engine();
        this.network = network;
        this.graph = new Graph();
        try {
            this.endpoints = TfGraphBuilder.build(graph, network);
            this.session = new Session(graph, TfNatives.sessionConfig(bf16));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    @Override
    public FloatTensor apply(FloatTensor input, float[] condition) {
        return apply(input, condition, null);
    }

    @Override
    public FloatTensor apply(FloatTensor input, float[] condition, float[] reuse) {
        network.checkCondition(condition);
        try (TFloat32 x = TFloat32.tensorOf(
                        Shape.of(1, input.channels(), input.height(), input.width()), DataBuffers.of(input.data()));
                TFloat32 c = TFloat32.tensorOf(Shape.of(1, condition.length), DataBuffers.of(condition));
                Result result = run(x, c)) {
            TFloat32 y = (TFloat32) result.get(0);
            Shape shape = y.shape();
            float[] data = CompiledNetwork.resultArray(reuse, shape.size());
            y.copyTo(DataBuffers.of(data));
            return new FloatTensor((int) shape.get(1), (int) shape.get(2), (int) shape.get(3), data);
        } catch (RuntimeException e) {
            throw new StyleTransferException(Kind.ENGINE, "TensorFlow failed: " + e.getMessage(), e);
        }
    }

    private Result run(TFloat32 x, TFloat32 condition) {
        Session.Runner runner = session.runner().feed(endpoints.input(), x);
        if (endpoints.condition() != null) {
            runner.feed(endpoints.condition(), condition);
        }
        return runner.fetch(endpoints.output()).run();
    }

    /** Writes the graph and its session as a SavedModel with a {@code serving_default} signature. */
    void export(Path directory) throws java.io.IOException {
        Signature.Builder builder =
                Signature.builder().key(Signature.DEFAULT_KEY).input(TfGraphBuilder.INPUT, endpoints.input());
        if (endpoints.condition() != null) {
            builder.input(TfGraphBuilder.CONDITION, endpoints.condition());
        }
        Signature signature =
                builder.output(TfGraphBuilder.OUTPUT, endpoints.output()).build();
        SavedModelBundle.exporter(directory.toString())
                .withSession(session)
                .withSignature(signature)
                .export();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
