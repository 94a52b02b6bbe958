package io.nst.testing;

import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;

/**
 * A network of one layer after a 1x1 convolution from RGB, an input it fits and its condition
 * (empty unless the layer takes one).
 */
public record LayerCase(NetworkSpec network, FloatTensor input, float[] condition) {
    @Override
    public String toString() {
        return network.layers().get(1) + " on " + input.height() + "x" + input.width();
    }
}
