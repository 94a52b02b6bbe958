package io.nst.models.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TensorFlow Lite file (flatbuffer, schema v3) read into its one subgraph: tensors with their
 * constant data and quantization, and operators in execution order. Only the tables this project
 * needs are read; every offset is checked, so a damaged file is refused with its name and the
 * byte where it breaks, never half read.
 */
final class TfliteGraph {

    /** TFLite tensor types ({@code TensorType} in the schema). */
    static final int FLOAT32 = 0;

    static final int FLOAT16 = 1;
    static final int INT32 = 2;
    static final int UINT8 = 3;
    static final int INT8 = 9;

    /**
     * A tensor: shape, type, the index of its buffer (0: none, an activation), and per-channel
     * quantization along {@code quantizedDimension} (empty scales: not quantized).
     */
    record Tensor(
            int index,
            String name,
            int type,
            int[] shape,
            int buffer,
            float[] scales,
            long[] zeroPoints,
            int quantizedDimension) {

        int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** An operator: its builtin code, input and output tensor indices (-1: absent), and options table. */
    record Operator(int index, int opcode, int[] inputs, int[] outputs, int options) {}

    private final String source;
    private final ByteBuffer bytes;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Operator> operators = new ArrayList<>();
    private final List<Integer> buffers = new ArrayList<>();
    private final int[] inputs;
    private final int[] outputs;

    private TfliteGraph(String source, ByteBuffer bytes) throws IOException {
        this.source = source;
        this.bytes = bytes.order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.capacity() < 8
                || !"TFL3"
                        .equals(new String(
                                new byte[] {bytes.get(4), bytes.get(5), bytes.get(6), bytes.get(7)},
                                java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new IOException(source + ": not a TensorFlow Lite file (no TFL3 identifier)");
        }
        int model = target(0);
        List<Integer> codeTables = vectorOfTables(field(model, 1));
        int[] codes = new int[codeTables.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = opcode(codeTables.get(i));
        }
        List<Integer> subgraphs = vectorOfTables(field(model, 2));
        if (subgraphs.size() != 1) {
            throw new IOException(source + ": has " + subgraphs.size() + " subgraphs; one is supported");
        }
        for (int buffer : vectorOfTables(field(model, 4))) {
            buffers.add(buffer);
        }
        int graph = subgraphs.get(0);
        List<Integer> tensorTables = vectorOfTables(field(graph, 0));
        for (int i = 0; i < tensorTables.size(); i++) {
            tensors.add(tensor(i, tensorTables.get(i)));
        }
        inputs = ints(field(graph, 1));
        outputs = ints(field(graph, 2));
        List<Integer> operatorTables = vectorOfTables(field(graph, 3));
        for (int i = 0; i < operatorTables.size(); i++) {
            int op = operatorTables.get(i);
            int code = (int) scalar(op, 0, 4, 0);
            if (code < 0 || code >= codes.length) {
                throw new IOException(
                        source + ": operator " + i + " names operator code " + code + " of " + codes.length);
            }
            int options = field(op, 4);
            operators.add(new Operator(
                    i, codes[code], ints(field(op, 1)), ints(field(op, 2)), options < 0 ? -1 : target(options)));
        }
    }

    /** Reads and checks a whole file. */
    static TfliteGraph read(Path file) throws IOException {
        return new TfliteGraph(file.toString(), ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    List<Tensor> tensors() {
        return tensors;
    }

    List<Operator> operators() {
        return operators;
    }

    /** The graph's input tensor indices. */
    int[] inputs() {
        return inputs.clone();
    }

    /** The graph's output tensor indices. */
    int[] outputs() {
        return outputs.clone();
    }

    /**
     * A constant tensor's values as floats: float32 as stored, float16 expanded, and quantized
     * integers as {@code scale * (q - zeroPoint)} with the scale and zero point of their channel.
     *
     * @throws IOException if the tensor has no data, or data of the wrong length or an unknown type
     */
    float[] values(Tensor t) throws IOException {
        ByteBuffer data = data(t);
        int n = t.size();
        int width =
                switch (t.type()) {
                    case FLOAT32, INT32 -> 4;
                    case FLOAT16 -> 2;
                    case INT8, UINT8 -> 1;
                    default -> throw new IOException(source + ": tensor " + t.name() + " has type " + t.type()
                            + ", which this reader does not expand");
                };
        if (data.remaining() != (long) n * width) {
            throw new IOException(source + ": tensor " + t.name() + " has " + data.remaining() + " bytes for " + n
                    + " values of " + width);
        }
        float[] out = new float[n];
        int channels = t.scales().length;
        int inner = 1;
        if (channels > 1) {
            for (int d = t.quantizedDimension() + 1; d < t.shape().length; d++) {
                inner *= t.shape()[d];
            }
        }
        for (int i = 0; i < n; i++) {
            double q =
                    switch (t.type()) {
                        case FLOAT32 -> data.getFloat(data.position() + 4 * i);
                        case INT32 -> data.getInt(data.position() + 4 * i);
                        case FLOAT16 -> halfToFloat(data.getShort(data.position() + 2 * i));
                        case INT8 -> data.get(data.position() + i);
                        default -> data.get(data.position() + i) & 0xFF;
                    };
            if (channels == 0 || t.type() == FLOAT32 || t.type() == FLOAT16) {
                out[i] = (float) q;
            } else {
                int c = channels == 1 ? 0 : (i / inner) % channels;
                out[i] = (float) (t.scales()[c] * (q - t.zeroPoints()[c]));
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to float, exactly (subnormals, infinities and NaN included). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Whether the tensor has constant data. */
    boolean isConstant(Tensor t) throws IOException {
        return t.buffer() > 0 && data(t).remaining() > 0;
    }

    /** An integer option of {@code op} (its builtin options table's field {@code slot}), or {@code fallback}. */
    int intOption(Operator op, int slot, int size, int fallback) throws IOException {
        return op.options() < 0 ? fallback : (int) scalar(op.options(), slot, size, fallback);
    }

    /** The file this graph was read from, for messages. */
    String source() {
        return source;
    }

    private ByteBuffer data(Tensor t) throws IOException {
        if (t.buffer() <= 0 || t.buffer() >= buffers.size()) {
            return ByteBuffer.allocate(0);
        }
        int vector = field(buffers.get(t.buffer()), 0);
        if (vector < 0) {
            return ByteBuffer.allocate(0);
        }
        int at = target(vector);
        int length = int32(at);
        check(at + 4, length);
        return bytes.duplicate()
                .order(ByteOrder.LITTLE_ENDIAN)
                .position(at + 4)
                .limit(at + 4 + length)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The op of an operator code: the larger of the old one-byte code and the newer int code. */
    private int opcode(int table) throws IOException {
        return (int) Math.max(scalar(table, 0, 1, 0), scalar(table, 3, 4, 0));
    }

    private Tensor tensor(int index, int table) throws IOException {
        int[] shape = ints(field(table, 0));
        int type = (int) scalar(table, 1, 1, FLOAT32);
        int buffer = (int) scalar(table, 2, 4, 0);
        int nameField = field(table, 3);
        String name = nameField < 0 ? "#" + index : string(target(nameField));
        float[] scales = new float[0];
        long[] zeroPoints = new long[0];
        int axis = 0;
        int quantization = field(table, 4);
        if (quantization >= 0) {
            int q = target(quantization);
            scales = floats(field(q, 2));
            zeroPoints = longs(field(q, 3));
            axis = (int) scalar(q, 6, 4, 0);
            if (zeroPoints.length == 0) {
                zeroPoints = new long[scales.length];
            }
            if (zeroPoints.length != scales.length) {
                throw new IOException(source + ": tensor " + name + " has " + scales.length + " scales and "
                        + zeroPoints.length + " zero points");
            }
        }
        return new Tensor(index, name, type, shape, buffer, scales, zeroPoints, axis);
    }

    // Flatbuffer access: a table starts with the signed offset back to its vtable; a vtable lists
    // the tables' field offsets after its own size and the table's size (0: field absent).

    /** The position of field {@code slot} of the table at {@code table}, or -1 if absent. */
    private int field(int table, int slot) throws IOException {
        int vtable = table - int32(table);
        check(vtable, 4);
        int vtableSize = bytes.getShort(vtable) & 0xFFFF;
        int entry = 4 + 2 * slot;
        if (entry + 2 > vtableSize) {
            return -1;
        }
        check(vtable + entry, 2);
        int offset = bytes.getShort(vtable + entry) & 0xFFFF;
        return offset == 0 ? -1 : table + offset;
    }

    private long scalar(int table, int slot, int size, long fallback) throws IOException {
        int at = field(table, slot);
        if (at < 0) {
            return fallback;
        }
        check(at, size);
        return switch (size) {
            case 1 -> bytes.get(at);
            case 2 -> bytes.getShort(at);
            case 4 -> bytes.getInt(at);
            default -> bytes.getLong(at);
        };
    }

    /** Follows the unsigned offset stored at {@code at}. */
    private int target(int at) throws IOException {
        long to = at + (int32(at) & 0xFFFFFFFFL);
        if (to >= bytes.capacity()) {
            throw damaged(at);
        }
        return (int) to;
    }

    private List<Integer> vectorOfTables(int fieldAt) throws IOException {
        List<Integer> tables = new ArrayList<>();
        if (fieldAt < 0) {
            return tables;
        }
        int vector = target(fieldAt);
        int length = int32(vector);
        check(vector + 4, 4L * length);
        for (int i = 0; i < length; i++) {
            tables.add(target(vector + 4 + 4 * i));
        }
        return tables;
    }

    private int[] ints(int fieldAt) throws IOException {
        if (fieldAt < 0) {
            return new int[0];
        }
        int vector = target(fieldAt);
        int length = int32(vector);
        check(vector + 4, 4L * length);
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = bytes.getInt(vector + 4 + 4 * i);
        }
        return out;
    }

    private float[] floats(int fieldAt) throws IOException {
        int[] raw = ints(fieldAt);
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = Float.intBitsToFloat(raw[i]);
        }
        return out;
    }

    private long[] longs(int fieldAt) throws IOException {
        if (fieldAt < 0) {
            return new long[0];
        }
        int vector = target(fieldAt);
        int length = int32(vector);
        check(vector + 4, 8L * length);
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = bytes.getLong(vector + 4 + 8 * i);
        }
        return out;
    }

    private String string(int at) throws IOException {
        int length = int32(at);
        check(at + 4, length);
        byte[] chars = new byte[length];
        bytes.duplicate().position(at + 4).get(chars);
        return new String(chars, java.nio.charset.StandardCharsets.UTF_8);
    }

    private int int32(int at) throws IOException {
        check(at, 4);
        return bytes.getInt(at);
    }

    private void check(int at, long length) throws IOException {
        if (at < 0 || length < 0 || at + length > bytes.capacity()) {
            throw damaged(at);
        }
    }

    private IOException damaged(int at) {
        return new IOException(source + ": truncated or damaged TensorFlow Lite file (at byte " + at + " of "
                + bytes.capacity() + ")");
    }
}
