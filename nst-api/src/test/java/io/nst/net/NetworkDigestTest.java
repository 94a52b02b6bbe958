package io.nst.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digest a network's cached calibration is filed under. */
class NetworkDigestTest {

    @Test
    void equalNetworksShareADigestAndAnyChangeToALayerChangesIt() {
        String digest = network("a", "conv", 1, 0.5f, 1e-3f).digest();
        assertEquals(digest, network("a", "conv", 1, 0.5f, 1e-3f).digest());
        assertEquals(digest, network("renamed network", "conv", 1, 0.5f, 1e-3f).digest());
        assertNotEquals(digest, network("a", "conv2", 1, 0.5f, 1e-3f).digest(), "a layer's name");
        assertNotEquals(digest, network("a", "conv", 2, 0.5f, 1e-3f).digest(), "a stride");
        assertNotEquals(digest, network("a", "conv", 1, 0.5000001f, 1e-3f).digest(), "a weight");
        assertNotEquals(digest, network("a", "conv", 1, 0.5f, 1e-5f).digest(), "a norm's epsilon");
        assertEquals(64, digest.length());
    }

    private static NetworkSpec network(String name, String conv, int stride, float weight, float epsilon) {
        float[] weights = new float[2 * 3 * 3 * 3];
        weights[5] = weight;
        List<Layer> layers = List.of(
                new Layer.Conv2d(conv, 3, 2, 3, 3, stride, Padding.SAME, weights, null),
                new Layer.Residual(
                        "block",
                        List.of(new Layer.InstanceNorm("norm", new float[] {1, 1}, new float[] {0, 0}, epsilon))));
        return new NetworkSpec(name, layers, Map.of("out", 1));
    }
}
