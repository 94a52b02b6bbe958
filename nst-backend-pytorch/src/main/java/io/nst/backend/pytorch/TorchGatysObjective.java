package io.nst.backend.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.nst.LossTerms;
import io.nst.LossWeights;
import io.nst.net.FloatTensor;
import io.nst.spi.GatysObjective;
import io.nst.spi.GatysProblem;

/**
 * The Gatys objective on PyTorch: content and blended style targets are computed once; each
 * evaluation runs the feature network forward and backward inside a scope whose native memory
 * is released before it returns.
 */
final class TorchGatysObjective implements GatysObjective {

    private final NDManager manager;
    private final DataType type;
    private final TorchNetwork network;
    private final int height;
    private final int width;
    private final LossWeights weights;
    private final int[] layerIndices;
    private final double[] styleLayerWeights;
    private final NDArray contentTarget;
    private final double[] contentNorm;
    private final NDArray[] styleTargets;
    private final double[] styleNorms;

    TorchGatysObjective(GatysProblem problem, Device device, DataType type) {
        this.manager = NDManager.newBaseManager(device, PyTorchBackend.ENGINE);
        this.type = type;
        try (var mode = TorchAutograd.notRecording()) {
            this.network = new TorchNetwork(problem.network(), manager, type);
            this.height = problem.content().height();
            this.width = problem.content().width();
            this.weights = problem.weights();
            LossLayers layers = LossLayers.of(problem.network(), problem.styleLayers(), problem.contentLayer());
            this.layerIndices = layers.indices();
            this.styleLayerWeights = layers.styleWeights();
            int contentSlot = layers.contentSlot();

            NDArray[] contentFeatures = network.forward(input(manager, problem.content()), layerIndices);
            this.contentTarget = contentFeatures[contentSlot];
            this.contentNorm = TorchLosses.squareSums(contentTarget);

            this.styleTargets = new NDArray[styleLayerWeights.length];
            this.styleNorms = new double[styleLayerWeights.length];
            double[] blend = problem.normalisedBlend();
            for (int s = 0; s < problem.styles().size(); s++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray[] features =
                            network.forward(input(scope, problem.styles().get(s)), layerIndices);
                    for (int l = 0; l < styleLayerWeights.length; l++) {
                        NDArray gram = TorchLosses.gram(features[l]).mul(TorchArrays.scalar(features[l], blend[s]));
                        NDArray sum = styleTargets[l] == null ? gram : styleTargets[l].add(gram);
                        sum.attach(manager);
                        styleTargets[l] = sum;
                    }
                }
            }
            for (int l = 0; l < styleTargets.length; l++) {
                styleNorms[l] = TorchLosses.squareSum(styleTargets[l]);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public LossTerms evaluate(float[] image, float[] gradient) {
        if (image.length != 3 * height * width || gradient.length != image.length) {
            throw new IllegalArgumentException("expected 3x" + height + "x" + width + " values");
        }
        try (NDManager scope = manager.newSubManager();
                var mode = TorchAutograd.recording()) {
            NDArray x = input(scope, new FloatTensor(3, height, width, image));
            x.setRequiresGradient(true);
            NDArray[] terms = TorchLosses.weightedTerms(
                    x,
                    network.forward(x, layerIndices),
                    contentTarget,
                    contentNorm,
                    styleTargets,
                    styleNorms,
                    styleLayerWeights,
                    weights);
            NDArray total = terms[0].add(terms[1]).add(terms[2]);
            TorchAutograd.backward(total);
            float[] g = x.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
            System.arraycopy(g, 0, gradient, 0, g.length);
            return new LossTerms(scalar(terms[0]), scalar(terms[1]), scalar(terms[2]));
        }
    }

    private NDArray input(NDManager scope, FloatTensor image) {
        return TorchArrays.of(scope, image.data(), new Shape(1, image.channels(), image.height(), image.width()), type);
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    @Override
    public void close() {
        manager.close();
    }
}
