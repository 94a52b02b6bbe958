package io.nst.backend.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.nst.LossTerms;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.net.Parameters;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import io.nst.spi.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a transfer network on PyTorch: the perceptual loss through a frozen feature network,
 * autograd for the gradients, Adam (Kingma and Ba, default moments) for the update.
 *
 * <p>Everything PyTorch keeps between steps (weights, moments, targets, constants) is made by
 * {@link TorchArrays}; each step states its grad mode ({@link TorchAutograd}), so a session runs
 * on any thread, one thread at a time.
 */
final class TorchTraining implements TrainingSession {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final NDManager manager;
    private final TrainingProblem problem;
    private final TorchNetwork features;
    private final int[] featureLayers;
    private final int[] output;
    private final double[] styleLayerWeights;
    private final NDArray[] styleGrams;
    private final double[] styleNorms;
    private final NDArray beta1;
    private final NDArray oneMinusBeta1;
    private final NDArray beta2;
    private final NDArray oneMinusBeta2;
    private final NDArray epsilon;

    /** The transfer network and Adam's moments, replaced as a whole by {@link #restore}. */
    private NDManager weights;

    private TorchNetwork transfer;
    private List<NDArray> firstMoments;
    private List<NDArray> secondMoments;
    private long step;

    TorchTraining(TrainingProblem problem, Device device) {
        this.manager = NDManager.newBaseManager(device, PyTorchBackend.ENGINE);
        this.problem = problem;
        try (var mode = TorchAutograd.notRecording()) {
            this.features = new TorchNetwork(problem.features(), manager, DataType.FLOAT32);
            this.output = new int[] {problem.network().layers().size() - 1};
            LossLayers layers = LossLayers.of(problem.features(), problem.styleLayers(), problem.contentLayer());
            this.featureLayers = layers.indices();
            this.styleLayerWeights = layers.styleWeights();
            NDArray[] styleFeatures = features.forward(images(manager, List.of(problem.style())), featureLayers);
            this.styleGrams = new NDArray[styleLayerWeights.length];
            this.styleNorms = new double[styleLayerWeights.length];
            for (int l = 0; l < styleGrams.length; l++) {
                styleGrams[l] = TorchLosses.gram(styleFeatures[l]);
                styleNorms[l] = TorchLosses.squareSum(styleGrams[l]);
            }
            NDArray any = styleGrams.length > 0 ? styleGrams[0] : styleFeatures[0];
            this.beta1 = TorchArrays.scalar(any, BETA1);
            this.oneMinusBeta1 = TorchArrays.scalar(any, 1 - BETA1);
            this.beta2 = TorchArrays.scalar(any, BETA2);
            this.oneMinusBeta2 = TorchArrays.scalar(any, 1 - BETA2);
            this.epsilon = TorchArrays.scalar(any, EPSILON);
            List<float[]> initial = Parameters.of(problem.network());
            load(initial, null, null, 0);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Compiles the transfer network with {@code parameters} and sets the moments ({@code null}:
     * zeros); the previous network and moments are freed only once the new ones exist.
     */
    private void load(List<float[]> parameters, List<float[]> first, List<float[]> second, long steps) {
        NDManager fresh = manager.newSubManager();
        try {
            TorchNetwork network =
                    new TorchNetwork(Parameters.replace(problem.network(), parameters), fresh, DataType.FLOAT32, true);
            List<NDArray> m = new ArrayList<>();
            List<NDArray> v = new ArrayList<>();
            List<NDArray> leaves = network.parameters();
            for (int i = 0; i < leaves.size(); i++) {
                Shape shape = leaves.get(i).getShape();
                m.add(
                        first == null
                                ? leaves.get(i).zerosLike()
                                : TorchArrays.of(fresh, first.get(i), shape, DataType.FLOAT32));
                v.add(
                        second == null
                                ? leaves.get(i).zerosLike()
                                : TorchArrays.of(fresh, second.get(i), shape, DataType.FLOAT32));
            }
            NDManager previous = weights;
            weights = fresh;
            transfer = network;
            firstMoments = m;
            secondMoments = v;
            step = steps;
            if (previous != null) {
                previous.close();
            }
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Images go through the networks one at a time: measured on two cores, a batch tensor made
     * the full-width network's step 30 % slower.
     *
     * @throws ArithmeticException if a loss term or a gradient is not finite; nothing is updated
     */
    @Override
    public LossTerms step(List<FloatTensor> batch) {
        List<NDArray> parameters = transfer.parameters();
        try (NDManager scope = manager.newSubManager();
                var mode = TorchAutograd.recording()) {
            TorchAutograd.zeroGradients(parameters);
            int contentSlot = styleGrams.length;
            double content = 0;
            double style = 0;
            double tv = 0;
            NDArray total = null;
            for (FloatTensor image : batch) {
                NDArray photo = images(scope, List.of(image));
                NDArray byteRange = TorchArrays.scalar(photo, 255);
                NDArray stylized = transfer.forward(photo.mul(byteRange), output)[0].div(byteRange);
                NDArray[] mine = features.forward(stylized, featureLayers);
                NDArray target = features.forward(photo, new int[] {featureLayers[contentSlot]})[0];
                NDArray[] terms = TorchLosses.weightedTerms(
                        stylized,
                        mine,
                        target,
                        TorchLosses.squareSums(target),
                        styleGrams,
                        styleNorms,
                        styleLayerWeights,
                        problem.weights());
                content += terms[0].getFloat();
                style += terms[1].getFloat();
                tv += terms[2].getFloat();
                NDArray sum = terms[0].add(terms[1]).add(terms[2]);
                total = total == null ? sum : total.add(sum);
            }
            int n = batch.size();
            LossTerms mean = new LossTerms(content / n, style / n, tv / n);
            if (!Double.isFinite(mean.total())) {
                throw new ArithmeticException("the loss is not finite (content " + mean.content() + ", style "
                        + mean.style() + ", total variation " + mean.tv() + ")");
            }
            TorchAutograd.backward(total.div(TorchArrays.scalar(total, n)));
            update(parameters, gradients(scope, parameters));
            return mean;
        }
    }

    /** Same-sized images as one {@code [N, 3, H, W]} array. */
    private static NDArray images(NDManager manager, List<FloatTensor> batch) {
        FloatTensor first = batch.get(0);
        int size = first.data().length;
        float[] all = new float[batch.size() * size];
        for (int i = 0; i < batch.size(); i++) {
            FloatTensor image = batch.get(i);
            if (image.height() != first.height() || image.width() != first.width() || image.channels() != 3) {
                throw new IllegalArgumentException("a batch holds RGB images of one size: " + first.height() + "x"
                        + first.width() + " and " + image.height() + "x" + image.width());
            }
            System.arraycopy(image.data(), 0, all, i * size, size);
        }
        return TorchArrays.of(
                manager, all, new Shape(batch.size(), 3, first.height(), first.width()), DataType.FLOAT32);
    }

    /** The weights' gradients, in {@code scope}; throws if any is not finite. */
    private static List<NDArray> gradients(NDManager scope, List<NDArray> parameters) {
        List<NDArray> gradients = new ArrayList<>();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray g = parameters.get(i).getGradient();
            g.attach(scope);
            gradients.add(g);
            if (!Float.isFinite(g.abs().max().getFloat())) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        if (bad > 0) {
            TorchAutograd.zeroGradients(parameters);
            throw new ArithmeticException("the gradient is not finite in " + bad + " of " + parameters.size()
                    + " weight tensors (the first is number " + first + ")");
        }
        return gradients;
    }

    /** Adam, in place, with nothing recorded. */
    private void update(List<NDArray> parameters, List<NDArray> gradients) {
        try (var mode = TorchAutograd.notRecording()) {
            step++;
            NDArray any = gradients.get(0);
            NDArray stepSize = TorchArrays.scalar(any, problem.learningRate() / (1 - Math.pow(BETA1, step)));
            NDArray secondCorrection = TorchArrays.scalar(any, 1 / (1 - Math.pow(BETA2, step)));
            for (int i = 0; i < parameters.size(); i++) {
                NDArray g = gradients.get(i);
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);
                m.muli(beta1).addi(g.mul(oneMinusBeta1));
                v.muli(beta2).addi(g.square().muli(oneMinusBeta2));
                // The scope's arrays come first, so that the intermediates are the scope's.
                NDArray denominator = secondCorrection.mul(v).sqrt().addi(epsilon);
                parameters.get(i).subi(stepSize.mul(m).divi(denominator));
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
        List<float[]> shapes = Parameters.of(problem.network());
        if (state.parameters().size() != shapes.size()) {
            throw new IllegalArgumentException(
                    "the state has " + state.parameters().size() + " parameters, the network " + shapes.size());
        }
        for (int i = 0; i < shapes.size(); i++) {
            int expected = shapes.get(i).length;
            if (state.parameters().get(i).length != expected
                    || state.firstMoments().get(i).length != expected
                    || state.secondMoments().get(i).length != expected) {
                throw new IllegalArgumentException(
                        "parameter " + i + " of the state does not have " + expected + " values");
            }
        }
        try (var mode = TorchAutograd.notRecording()) {
            load(state.parameters(), state.firstMoments(), state.secondMoments(), state.step());
        }
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
