package io.nst.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceNetworkTest {

    @Test
    void samePaddingKeepsTheSizeAndPadsWithZeros() {
        // A 3x3 box filter over a 1-channel 2x3 image of ones: each output counts its in-bounds neighbours.
        float[] ones = new float[9];
        java.util.Arrays.fill(ones, 1);
        Layer.Conv2d box = new Layer.Conv2d("box", 1, 1, 3, 3, 1, Padding.SAME, ones, null);
        FloatTensor out = ReferenceNetwork.apply(box, new FloatTensor(1, 2, 3, new float[] {1, 1, 1, 1, 1, 1}));
        assertArrayEquals(new float[] {4, 6, 4, 4, 6, 4}, out.data());
    }

    @Test
    void reflectionPaddingMirrorsWithoutRepeatingTheEdge() {
        FloatTensor row = new FloatTensor(1, 1, 3, new float[] {1, 2, 3});
        FloatTensor out = ReferenceNetwork.apply(new Layer.MirrorPad("pad", 0, 0, 2, 1), row);
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2}, out.data());
    }

    @Test
    void nearestUpsamplingRepeatsEachPixelInABlock() {
        FloatTensor x = new FloatTensor(1, 1, 2, new float[] {1, 2});
        FloatTensor out = ReferenceNetwork.apply(new Layer.NearestUpsample("up", 2), x);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2}, out.data());
    }

    @Test
    void depthwiseConvolutionFiltersEachChannelAlone() {
        // Two channels, 1x3; a 3x3 kernel that takes the left neighbour (channel 0) or doubles (channel 1).
        float[] kernels = new float[18];
        kernels[3] = 1; // channel 0: row 1, column 0
        kernels[9 + 4] = 2; // channel 1: the centre
        Layer.DepthwiseConv2d d = new Layer.DepthwiseConv2d("dw", 2, 3, 1, Padding.SAME, kernels, new float[] {0, 1});
        FloatTensor out = ReferenceNetwork.apply(d, new FloatTensor(2, 1, 3, new float[] {1, 2, 3, 4, 5, 6}));
        assertArrayEquals(new float[] {0, 1, 2, 9, 11, 13}, out.data());
    }

    @Test
    void theSpatialMeanAndTheNewActivationsAreWhatTheyAre() {
        FloatTensor x = new FloatTensor(2, 1, 2, new float[] {-1, 9, 0, 4});
        assertArrayEquals(
                new float[] {4, 2},
                ReferenceNetwork.apply(new Layer.SpatialMean("m"), x).data());
        Layer relu6 = new Layer.Activation("r", Layer.Activation.Kind.RELU6, 0);
        assertArrayEquals(
                new float[] {0, 6, 0, 4}, ReferenceNetwork.apply(relu6, x).data());
        Layer sigmoid = new Layer.Activation("s", Layer.Activation.Kind.SIGMOID, 0);
        assertEquals(0.5f, ReferenceNetwork.apply(sigmoid, x).data()[2]);
    }

    @Test
    void samePoolingOfOddSizesPadsAfterOnly() {
        Layer.MaxPool pool = new Layer.MaxPool("pool", 2, 2, Padding.SAME);
        FloatTensor x = new FloatTensor(1, 1, 5, new float[] {1, 5, 2, -3, -7});
        FloatTensor out = ReferenceNetwork.apply(pool, x);
        assertArrayEquals(new float[] {5, 2, -7}, out.data());
        Layer.MaxPool valid = new Layer.MaxPool("pool", 2, 2, Padding.VALID);
        assertEquals(2, ReferenceNetwork.apply(valid, x).width());
    }

    @Test
    void inputNormalizationReordersScalesAndShifts() {
        Layer.InputNormalization bgr = new Layer.InputNormalization(
                "bgr", new int[] {2, 1, 0}, new float[] {255, 255, 255}, new float[] {-1, -2, -3});
        FloatTensor out = ReferenceNetwork.apply(bgr, new FloatTensor(3, 1, 1, new float[] {0.1f, 0.2f, 0.3f}));
        assertArrayEquals(new float[] {0.3f * 255 - 1, 0.2f * 255 - 2, 0.1f * 255 - 3}, out.data(), 1e-4f);
    }

    @Test
    void featuresComeBackInRequestOrder() {
        Layer.Activation relu = new Layer.Activation("relu", Layer.Activation.Kind.RELU, 0);
        Layer.Activation leaky = new Layer.Activation("leaky", Layer.Activation.Kind.LEAKY_RELU, 0.1f);
        NetworkSpec net = new NetworkSpec("n", List.of(leaky, relu), java.util.Map.of("a", 0, "b", 1));
        var features = ReferenceNetwork.features(net, new FloatTensor(1, 1, 2, new float[] {-1, 2}), List.of("b", "a"));
        assertEquals(List.of("b", "a"), List.copyOf(features.keySet()));
        assertArrayEquals(new float[] {-0.1f, 2}, features.get("a").data(), 1e-7f);
        assertArrayEquals(new float[] {0, 2}, features.get("b").data());
    }
}
