package io.nst.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.nst.net.NetworkSpec;
import io.nst.net.Parameters;
import io.nst.spi.FloatTensor;
import io.nst.spi.LossTerms;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import io.nst.spi.TrainingState;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a transfer network on PyTorch: the perceptual loss through a frozen feature network,
 * autograd for the gradients, Adam (Kingma and Ba, default moments) for the update.
 */
final class TorchTraining implements TrainingSession {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Engine engine;
    private final NDManager manager;
    private final TrainingProblem problem;
    private final TorchNetwork transfer;
    private final TorchNetwork features;
    private final int[] featureLayers;
    private final double[] styleLayerWeights;
    private final NDArray[] styleGrams;
    private final double[] styleNorms;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final int[] output;
    private long step;

    TorchTraining(TrainingProblem problem, Device device) {
        this.engine = Engine.getEngine(PyTorchBackend.ENGINE);
        this.manager = NDManager.newBaseManager(device, PyTorchBackend.ENGINE);
        this.problem = problem;
        try {
            this.transfer = new TorchNetwork(problem.network(), manager, DataType.FLOAT32, true);
            this.features = new TorchNetwork(problem.features(), manager, DataType.FLOAT32);
            this.output = new int[] {problem.network().layers().size() - 1};
            List<String> styleLayers = new ArrayList<>(problem.styleLayers().keySet());
            this.featureLayers = new int[styleLayers.size() + 1];
            this.styleLayerWeights = new double[styleLayers.size()];
            double weightSum = problem.styleLayers().values().stream().mapToDouble(Double::doubleValue).sum();
            for (int l = 0; l < styleLayers.size(); l++) {
                featureLayers[l] = problem.features().layerIndexOf(styleLayers.get(l));
                styleLayerWeights[l] = problem.styleLayers().get(styleLayers.get(l)) / weightSum;
            }
            featureLayers[styleLayers.size()] = problem.features().layerIndexOf(problem.contentLayer());
            FloatTensor style = problem.style();
            NDArray[] styleFeatures = features.forward(
                    manager.create(style.data(), new Shape(1, 3, style.height(), style.width())), featureLayers);
            this.styleGrams = new NDArray[styleLayers.size()];
            this.styleNorms = new double[styleLayers.size()];
            for (int l = 0; l < styleGrams.length; l++) {
                styleGrams[l] = TorchLosses.gram(styleFeatures[l]);
                styleNorms[l] = TorchLosses.squareSum(styleGrams[l]);
            }
            for (NDArray p : transfer.parameters()) {
                firstMoments.add(p.zerosLike());
                secondMoments.add(p.zerosLike());
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public LossTerms step(List<FloatTensor> batch) {
        double content = 0;
        double style = 0;
        double tv = 0;
        try (NDManager scope = manager.newSubManager(); GradientCollector collector = engine.newGradientCollector()) {
            collector.zeroGradients();
            NDArray total = null;
            int contentSlot = styleGrams.length;
            for (FloatTensor image : batch) {
                NDArray photo = scope.create(image.data(), new Shape(1, 3, image.height(), image.width()));
                NDArray byteRange = TorchScalars.of(photo, 255);
                NDArray stylized = transfer.forward(photo.mul(byteRange), output)[0].div(byteRange);
                NDArray[] mine = features.forward(stylized, featureLayers);
                NDArray target = features.forward(photo, new int[] {featureLayers[contentSlot]})[0];
                NDArray c = TorchLosses.contentLoss(mine[contentSlot], target, TorchLosses.squareSum(target));
                NDArray s = null;
                for (int l = 0; l < styleGrams.length; l++) {
                    NDArray term = TorchLosses.styleLayerLoss(TorchLosses.gram(mine[l]), styleGrams[l], styleNorms[l])
                            .mul(TorchScalars.of(photo, styleLayerWeights[l]));
                    s = s == null ? term : s.add(term);
                }
                NDArray t = TorchLosses.totalVariation(stylized);
                NDArray wc = c.mul(TorchScalars.of(c, problem.weights().content()));
                NDArray ws = s.mul(TorchScalars.of(s, problem.weights().style()));
                NDArray wt = t.mul(TorchScalars.of(t, problem.weights().totalVariation()));
                content += wc.getFloat();
                style += ws.getFloat();
                tv += wt.getFloat();
                NDArray sum = wc.add(ws).add(wt);
                total = total == null ? sum : total.add(sum);
            }
            collector.backward(total.div(TorchScalars.of(total, batch.size())));
        }
        update();
        int n = batch.size();
        return new LossTerms(content / n, style / n, tv / n);
    }

    /** Adam, in place, outside the gradient recording. */
    private void update() {
        step++;
        float correction1 = (float) (1 - Math.pow(BETA1, step));
        float correction2 = (float) (1 - Math.pow(BETA2, step));
        float rate = (float) problem.learningRate();
        List<NDArray> parameters = transfer.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray p = parameters.get(i);
                NDArray g = p.getGradient();
                g.attach(scope);
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                NDArray mHat = m.div(correction1);
                mHat.attach(scope);
                NDArray vHat = v.div(correction2);
                vHat.attach(scope);
                NDArray denominator = vHat.sqrt();
                denominator.attach(scope);
                p.subi(mHat.divi(denominator.addi(EPSILON)).muli(rate));
            }
        }
    }

    @Override
    public NetworkSpec network() {
        return Parameters.replace(problem.network(), floats(transfer.parameters()));
    }

    @Override
    public TrainingState state() {
        return new TrainingState(step, floats(transfer.parameters()), floats(firstMoments), floats(secondMoments));
    }

    @Override
    public void restore(TrainingState state) {
        List<NDArray> parameters = transfer.parameters();
        if (state.parameters().size() != parameters.size()) {
            throw new IllegalArgumentException("the state has " + state.parameters().size() + " parameters, the network "
                    + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            copyInto(state.parameters().get(i), parameters.get(i));
            copyInto(state.firstMoments().get(i), firstMoments.get(i));
            copyInto(state.secondMoments().get(i), secondMoments.get(i));
        }
        step = state.step();
    }

    private static void copyInto(float[] values, NDArray array) {
        if (values.length != array.size()) {
            throw new IllegalArgumentException("expected " + array.size() + " values, got " + values.length);
        }
        array.set(FloatBuffer.wrap(values));
    }

    private static List<float[]> floats(List<NDArray> arrays) {
        List<float[]> out = new ArrayList<>();
        for (NDArray a : arrays) {
            out.add(a.toFloatArray());
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
