package io.nst.models;

import java.io.IOException;

/** Where the named weight tensors of a Keras model come from (a TensorFlow.js manifest, HDF5). */
interface WeightSource {

    /**
     * The tensor named like Keras names it ({@code block1_conv1/kernel}), row-major in Keras
     * layout, checked against {@code shape}.
     */
    float[] tensor(String name, int[] shape) throws IOException;
}
