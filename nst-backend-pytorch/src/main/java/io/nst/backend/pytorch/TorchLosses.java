package io.nst.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.nst.LossWeights;
import io.nst.loss.StyleLosses;

/**
 * The losses of {@link StyleLosses} as differentiable NDArray expressions over a batch
 * {@code [N, C, H, W]}: one value per image, shape {@code [N]} (scalars from {@link TorchArrays}).
 */
final class TorchLosses {

    private TorchLosses() {}

    /** Gram matrices {@code [N, C, C]} of {@code [N, C, H, W]} features, divided by {@code C * H * W}. */
    static NDArray gram(NDArray features) {
        Shape shape = features.getShape();
        long n = shape.get(0);
        long c = shape.get(1);
        long hw = shape.get(2) * shape.get(3);
        NDArray f = features.reshape(n, c, hw);
        return f.matMul(f.transpose(0, 2, 1)).div(TorchArrays.scalar(f, c * hw));
    }

    /**
     * {@code sum((f - t)^2) / sum(t^2)} per image; the normalisers, the targets' square sums
     * (see {@link #squareSums}), are constants.
     */
    static NDArray contentLoss(NDArray features, NDArray targets, double[] targetSquareSums) {
        long perImage = targets.size() / targetSquareSums.length;
        float[] norms = new float[targetSquareSums.length];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = (float) Math.max(targetSquareSums[i], StyleLosses.TINY * perImage);
        }
        NDArray divisor = TorchArrays.of(features.getManager(), norms, new Shape(norms.length), features.getDataType());
        return perImage(features.sub(targets).square()).div(divisor);
    }

    /** {@code sum((G - Gs)^2) / sum(Gs^2)} per image, against one target Gram matrix. */
    static NDArray styleLayerLoss(NDArray grams, NDArray targetGram, double targetSquareSum) {
        return perImage(grams.sub(targetGram).square())
                .div(TorchArrays.scalar(grams, Math.max(targetSquareSum, StyleLosses.TINY)));
    }

    /** Mean squared difference of neighbouring pixels, per image. */
    static NDArray totalVariation(NDArray images) {
        long c = images.getShape().get(1);
        long h = images.getShape().get(2);
        long w = images.getShape().get(3);
        long pairs = c * (h * (w - 1) + (h - 1) * w);
        if (pairs == 0) {
            return perImage(images).mul(TorchArrays.scalar(images, 0));
        }
        NDArray dx = images.get(":, :, :, 1:").sub(images.get(":, :, :, :-1"));
        NDArray dy = images.get(":, :, 1:, :").sub(images.get(":, :, :-1, :"));
        return perImage(dx.square()).add(perImage(dy.square())).div(TorchArrays.scalar(images, pairs));
    }

    /**
     * The weighted content, style and total-variation terms of {@code images}, in that order, each
     * {@code [N]}: the Gatys objective and the transfer network's training both minimise their sum.
     *
     * @param features the images' features at the style layers, then at the content layer
     * @param styleGrams the target Gram matrix of each style layer
     */
    static NDArray[] weightedTerms(
            NDArray images,
            NDArray[] features,
            NDArray contentTarget,
            double[] contentSquareSums,
            NDArray[] styleGrams,
            double[] styleSquareSums,
            double[] styleLayerWeights,
            LossWeights weights) {
        NDArray content = contentLoss(features[styleGrams.length], contentTarget, contentSquareSums);
        NDArray style = null;
        for (int l = 0; l < styleGrams.length; l++) {
            NDArray term = styleLayerLoss(gram(features[l]), styleGrams[l], styleSquareSums[l])
                    .mul(TorchArrays.scalar(images, styleLayerWeights[l]));
            style = style == null ? term : style.add(term);
        }
        NDArray tv = totalVariation(images);
        return new NDArray[] {
            content.mul(TorchArrays.scalar(images, weights.content())),
            style.mul(TorchArrays.scalar(images, weights.style())),
            tv.mul(TorchArrays.scalar(images, weights.totalVariation()))
        };
    }

    /** The sum of squares of all elements, in double precision. */
    static double squareSum(NDArray a) {
        return a.toType(DataType.FLOAT64, false).square().sum().getDouble();
    }

    /** The sum of squares of each image's elements (first axis), in double precision. */
    static double[] squareSums(NDArray a) {
        return perImage(a.toType(DataType.FLOAT64, false).square()).toDoubleArray();
    }

    /** Sums over everything but the first axis: {@code [N, ...]} to {@code [N]}. */
    private static NDArray perImage(NDArray a) {
        return a.reshape(a.getShape().get(0), -1).sum(new int[] {1});
    }
}
