package io.nst.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar operands for recorded (differentiable) expressions.
 *
 * <p>DJL's {@code NDArray.mul(Number)} and its siblings wrap the number in a tensor over a Java
 * direct buffer and close it as soon as the call returns, but autograd keeps that tensor for the
 * backward pass. Once the garbage collector frees the buffer, the backward pass multiplies by
 * whatever then lives in that memory: the gradient silently becomes garbage or NaN while the
 * loss stays right. So no expression this backend differentiates uses those overloads; they take
 * a scalar from here, whose memory PyTorch owns.
 */
final class TorchScalars {

    private TorchScalars() {}

    /** {@code value} as a 0-d tensor of {@code like}'s type, in {@code like}'s manager. */
    static NDArray of(NDArray like, double value) {
        NDManager manager = like.getManager();
        boolean wide = like.getDataType() == DataType.FLOAT64;
        try (NDArray javaBacked = wide ? manager.create(value) : manager.create((float) value)) {
            return javaBacked.duplicate();
        }
    }
}
