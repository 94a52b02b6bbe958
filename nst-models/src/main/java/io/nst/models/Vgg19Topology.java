package io.nst.models;

import io.nst.net.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * The convolutional part of VGG19 as Keras names it ({@code block1_conv1} ... {@code block5_pool}):
 * needed for weight files that carry no topology, such as Keras' HDF5 weight releases.
 */
final class Vgg19Topology {

    private static final int[] CONVS_PER_BLOCK = {2, 2, 4, 4, 4};
    private static final int[] FILTERS = {64, 128, 256, 512, 512};

    private Vgg19Topology() {}

    static List<KerasLayer> layers() {
        List<KerasLayer> layers = new ArrayList<>();
        for (int b = 0; b < CONVS_PER_BLOCK.length; b++) {
            for (int c = 1; c <= CONVS_PER_BLOCK[b]; c++) {
                layers.add(KerasLayer.conv("block" + (b + 1) + "_conv" + c, FILTERS[b], 3, "relu", true));
            }
            layers.add(KerasLayer.maxPool("block" + (b + 1) + "_pool", 2, Padding.VALID));
        }
        return layers;
    }
}
