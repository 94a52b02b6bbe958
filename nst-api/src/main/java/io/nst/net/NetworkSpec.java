package io.nst.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * An engine-free description of a feed-forward chain of layers with named feature outputs. A
 * network with {@link Layer.ConditionalInstanceNorm conditional instance norms} takes a second
 * input, a condition vector of {@link #conditionSize()} values, with each image.
 *
 * @param name the network's name, for messages
 * @param layers the chain, applied in order to a 3-channel input
 * @param features feature name to the index of the layer whose output it is
 */
public record NetworkSpec(String name, List<Layer> layers, Map<String, Integer> features) {

    public NetworkSpec {
        layers = List.copyOf(layers);
        features = Map.copyOf(new LinkedHashMap<>(features));
        for (var e : features.entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= layers.size()) {
                throw new IllegalArgumentException(name + ": feature " + e.getKey() + " has no layer");
            }
        }
        int[] sizes = conditionSizes(layers).distinct().toArray();
        if (sizes.length > 1) {
            throw new IllegalArgumentException(
                    name + ": conditional instance norms disagree on the condition's size: " + Arrays.toString(sizes));
        }
    }

    /**
     * The channels the network takes: those of its first layer that fixes them, -1 (any number)
     * when none does, as for a part of a network made of activations alone. A part of a network
     * (a tile's pass from one layer to another) takes its activations.
     */
    public int inputChannels() {
        return firstFixedChannels(layers).orElse(-1);
    }

    /** The input channels of the first of {@code layers} that fixes them, if any does. */
    static OptionalInt firstFixedChannels(List<Layer> layers) {
        return layers.stream().mapToInt(Layer::inChannels).filter(c -> c >= 0).findFirst();
    }

    /**
     * A SHA-256 digest (hex) of the layers: their kinds, names, settings and weights, but not the
     * network's name or features. Equal for equal networks in any JVM, so that what is derived from
     * a network (a calibration) can be cached under it and checked against it.
     */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Layer layer : layers) {
                digest(layer, sha);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Every component of a layer record, in declaration order; nested layers likewise. */
    private static void digest(Object value, MessageDigest sha) {
        if (value instanceof float[] floats) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * floats.length + 4);
            bytes.putInt(floats.length).asFloatBuffer().put(floats);
            sha.update(bytes.array());
        } else if (value instanceof int[] ints) {
            sha.update(Arrays.toString(ints).getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof List<?> list) {
            sha.update(("[" + list.size()).getBytes(StandardCharsets.UTF_8));
            list.forEach(item -> digest(item, sha));
        } else if (value instanceof Record record) {
            sha.update(record.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    digest(component.getAccessor().invoke(record), sha);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component + " of a layer", e);
                }
            }
        } else {
            sha.update(("|" + value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The length of the condition vector the network takes with each image; 0 for none. */
    public int conditionSize() {
        return conditionSizes(layers).findFirst().orElse(0);
    }

    /**
     * Checks that {@code condition} fits this network: as many values as {@link #conditionSize()}.
     *
     * @throws IllegalArgumentException naming the network and both sizes otherwise
     */
    public void checkCondition(float[] condition) {
        checkCondition(name, conditionSize(), condition);
    }

    /**
     * Checks that {@code condition} has the {@code size} values the network named {@code network}
     * takes (0: none); for compiled and saved networks, which have no description at hand.
     *
     * @throws IllegalArgumentException naming the network and both sizes otherwise
     */
    public static void checkCondition(String network, int size, float[] condition) {
        if (condition.length != size) {
            throw new IllegalArgumentException(
                    size == 0
                            ? network + " takes no condition, got " + condition.length + " values"
                            : network + " takes a condition of " + size + " values, got " + condition.length);
        }
    }

    /** This network for one {@code condition}: each conditional instance norm made an ordinary one. */
    public NetworkSpec given(float[] condition) {
        checkCondition(condition);
        return new NetworkSpec(name, given(layers, condition), features);
    }

    private static List<Layer> given(List<Layer> layers, float[] condition) {
        List<Layer> out = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Layer.ConditionalInstanceNorm n) {
                out.add(n.given(condition));
            } else if (layer instanceof Layer.Residual r) {
                out.add(new Layer.Residual(r.name(), given(r.body(), condition)));
            } else {
                out.add(layer);
            }
        }
        return out;
    }

    private static IntStream conditionSizes(List<Layer> layers) {
        return layers.stream()
                .flatMapToInt(layer -> layer instanceof Layer.ConditionalInstanceNorm n
                        ? IntStream.of(n.conditionSize())
                        : layer instanceof Layer.Residual r ? conditionSizes(r.body()) : IntStream.empty());
    }

    /** Index of the layer producing {@code feature}, or an error listing the known names. */
    public int layerIndexOf(String feature) {
        Integer index = features.get(feature);
        if (index == null) {
            throw new IllegalArgumentException("network " + name + " has no layer named '" + feature + "'; known: "
                    + String.join(", ", FeatureNames.sorted(features.keySet())));
        }
        return index;
    }

    /** The shortest prefix of this network that computes all of the given features. */
    public NetworkSpec truncatedTo(Collection<String> needed) {
        int last = -1;
        for (String f : needed) {
            last = Math.max(last, layerIndexOf(f));
        }
        List<Layer> prefix = new ArrayList<>(layers.subList(0, last + 1));
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (var e : features.entrySet()) {
            if (e.getValue() <= last) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return new NetworkSpec(name, prefix, kept);
    }

    /** Number of multiply-adds a forward pass at the given input size costs. */
    public long multiplyAdds(int height, int width) {
        long total = 0;
        int h = height;
        int w = width;
        for (Layer layer : layers) {
            if (layer instanceof Layer.Conv2d c) {
                h = c.padding().outputSize(h, c.kernelHeight(), c.stride());
                w = c.padding().outputSize(w, c.kernelWidth(), c.stride());
                total += (long) h * w * c.outChannels() * c.inChannels() * c.kernelHeight() * c.kernelWidth();
            } else if (layer instanceof Layer.DepthwiseConv2d d) {
                h = d.padding().outputSize(h, d.kernel(), d.stride());
                w = d.padding().outputSize(w, d.kernel(), d.stride());
                total += (long) h * w * d.channels() * d.kernel() * d.kernel();
            } else if (layer instanceof Layer.SpatialMean) {
                h = 1;
                w = 1;
            } else if (layer instanceof Layer.MirrorPad m) {
                h += m.top() + m.bottom();
                w += m.left() + m.right();
            } else if (layer instanceof Layer.NearestUpsample u) {
                h *= u.factor();
                w *= u.factor();
            } else if (layer instanceof Layer.MaxPool p) {
                h = p.padding().outputSize(h, p.size(), p.stride());
                w = p.padding().outputSize(w, p.size(), p.stride());
            } else if (layer instanceof Layer.TransposedConv2d t) {
                total += (long) h * w * t.inChannels() * t.outChannels() * t.kernel() * t.kernel();
                h *= t.stride();
                w *= t.stride();
            } else if (layer instanceof Layer.Residual r) {
                total += new NetworkSpec(name, r.body(), Map.of()).multiplyAdds(h, w);
            }
        }
        return total;
    }
}
