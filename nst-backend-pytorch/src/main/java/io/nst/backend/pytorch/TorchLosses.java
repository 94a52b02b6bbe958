package io.nst.backend.pytorch;

import ai.djl.ndarray.NDArray;
import io.nst.loss.StyleLosses;

/** The losses of {@link StyleLosses} as differentiable NDArray expressions (scalars from {@link TorchArrays}). */
final class TorchLosses {

    private TorchLosses() {}

    /** Gram matrix of {@code [1, C, H, W]} features, divided by {@code C * H * W}. */
    static NDArray gram(NDArray features) {
        long c = features.getShape().get(1);
        long hw = features.getShape().get(2) * features.getShape().get(3);
        NDArray f = features.reshape(c, hw);
        return f.matMul(f.transpose()).div(TorchArrays.scalar(f, c * hw));
    }

    /** {@code sum((f - t)^2) / sum(t^2)}; the normaliser is the target's, a constant. */
    static NDArray contentLoss(NDArray features, NDArray target, double targetSquareSum) {
        double norm = Math.max(targetSquareSum, StyleLosses.TINY * target.size());
        return features.sub(target).square().sum().div(TorchArrays.scalar(features, norm));
    }

    /** {@code sum((G - Gs)^2) / sum(Gs^2)}. */
    static NDArray styleLayerLoss(NDArray gram, NDArray targetGram, double targetSquareSum) {
        return gram.sub(targetGram).square().sum().div(TorchArrays.scalar(gram, Math.max(targetSquareSum, StyleLosses.TINY)));
    }

    /** Mean squared difference of neighbouring pixels of a {@code [1, C, H, W]} image. */
    static NDArray totalVariation(NDArray image) {
        long c = image.getShape().get(1);
        long h = image.getShape().get(2);
        long w = image.getShape().get(3);
        long pairs = c * (h * (w - 1) + (h - 1) * w);
        if (pairs == 0) {
            return image.sum().mul(TorchArrays.scalar(image, 0));
        }
        NDArray dx = image.get(":, :, :, 1:").sub(image.get(":, :, :, :-1"));
        NDArray dy = image.get(":, :, 1:, :").sub(image.get(":, :, :-1, :"));
        return dx.square().sum().add(dy.square().sum()).div(TorchArrays.scalar(image, pairs));
    }

    static double squareSum(NDArray a) {
        return a.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }
}
