package io.nst.models;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Weights from a Keras HDF5 weights file ({@code model.save_weights}, such as the
 * {@code vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5} release): one group per layer,
 * holding that layer's datasets, e.g. {@code block1_conv1/block1_conv1/kernel:0}.
 */
final class KerasHdf5Weights implements WeightSource, AutoCloseable {

    private final Path path;
    private final HdfFile file;

    KerasHdf5Weights(Path path) throws IOException {
        this.path = path;
        try {
            this.file = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new IOException(path + " is not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    @Override
    public float[] tensor(String name, int[] shape) throws IOException {
        int slash = name.indexOf('/');
        String layer = name.substring(0, slash);
        String kind = name.substring(slash + 1);
        Node node = file.getChild(layer);
        if (!(node instanceof Group group)) {
            throw new IOException(path + " has no weights for layer " + layer);
        }
        List<Dataset> datasets = new ArrayList<>();
        collect(group, datasets);
        for (Dataset d : datasets) {
            String leaf = d.getName().replaceAll(":\\d+$", "");
            if (leaf.equals(kind)) {
                if (!Arrays.equals(d.getDimensions(), shape)) {
                    throw new IOException(path + ": " + d.getPath() + " has shape " + Arrays.toString(d.getDimensions())
                            + ", expected " + Arrays.toString(shape));
                }
                Object data = d.getDataFlat();
                if (data instanceof float[] floats) {
                    return floats;
                }
                if (data instanceof double[] doubles) {
                    float[] floats = new float[doubles.length];
                    for (int i = 0; i < doubles.length; i++) {
                        floats[i] = (float) doubles[i];
                    }
                    return floats;
                }
                throw new IOException(path + ": " + d.getPath() + " is not floating point");
            }
        }
        throw new IOException(path + " has no " + kind + " for layer " + layer);
    }

    private static void collect(Group group, List<Dataset> out) {
        for (Node child : group.getChildren().values()) {
            if (child instanceof Dataset d) {
                out.add(d);
            } else if (child instanceof Group g) {
                collect(g, out);
            }
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
