package io.nst.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The one place where this backend turns Java values into PyTorch arrays; every array it makes
 * owns its memory.
 *
 * <p>DJL's PyTorch engine wraps Java memory without copying: {@code NDManager.create(float[])}
 * copies into a direct buffer and hands PyTorch that buffer's address ({@code torch::from_blob}),
 * {@code NDArray.set(Buffer)} swaps an array's storage for such a buffer, and
 * {@code NDArray.mul(Number)} and its siblings wrap the number the same way and free it when the
 * call returns. The buffer lives only as long as the Java object that happens to refer to it,
 * while PyTorch keeps tensors far longer: autograd saves operands for the backward pass,
 * parameters and optimiser moments live for a whole training, targets for a whole run. Once the
 * garbage collector frees such a buffer, PyTorch reads whatever then lives there: the gradient
 * of {@code x.mul(2f)} came back as {@code 1.4E-45} instead of 2 after one collection. So every
 * array here is a copy in PyTorch's own allocator (64-byte aligned, freed with the tensor), and
 * the rest of the backend may not call those DJL methods ({@code TorchArraysRuleTest} checks
 * the bytecode).
 */
final class TorchArrays {

    private TorchArrays() {}

    /** {@code values} as an array of {@code shape} and {@code type} in {@code manager}. */
    static NDArray of(NDManager manager, float[] values, Shape shape, DataType type) {
        try (NDArray javaBacked = manager.create(values, shape)) {
            NDArray owned = javaBacked.duplicate();
            if (type == DataType.FLOAT32) {
                return owned;
            }
            try (owned) {
                return owned.toType(type, true);
            }
        }
    }

    /** {@code value} as a 0-d array of {@code like}'s type, in {@code like}'s manager. */
    static NDArray scalar(NDArray like, double value) {
        NDManager manager = like.getManager();
        boolean wide = like.getDataType() == DataType.FLOAT64;
        try (NDArray javaBacked = wide ? manager.create(value) : manager.create((float) value)) {
            return javaBacked.duplicate();
        }
    }
}
