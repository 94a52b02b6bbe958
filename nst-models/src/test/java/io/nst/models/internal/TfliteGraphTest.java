package io.nst.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TFLite reader on the real Magenta files (see the mirror's FORMAT.md) and on damaged ones. */
class TfliteGraphTest {

    private static final String DIR = "models/arbitrary/magenta/";

    @TempDir
    Path dir;

    private static TfliteGraph read(String file) throws IOException {
        return TfliteGraph.read(TestMirror.repository().resolve(DIR + file));
    }

    @Test
    void thePredictorIsMobileNetV2WithInt8WeightsPerChannel() throws IOException {
        TfliteGraph g = read("style_predict_quantized_256.tflite");
        assertEquals(66, g.operators().size());
        assertEquals(Set.of(0, 3, 4, 6, 40, 114), opcodes(g));
        TfliteGraph.Tensor in = g.tensors().get(g.inputs()[0]);
        assertArrayEquals(new int[] {1, 256, 256, 3}, in.shape());
        assertEquals(TfliteGraph.FLOAT32, in.type());
        assertArrayEquals(
                new int[] {1, 1, 1, 100}, g.tensors().get(g.outputs()[0]).shape());
        int convs = 0;
        for (TfliteGraph.Operator op : g.operators()) {
            if (op.opcode() != 3 && op.opcode() != 4) {
                continue;
            }
            convs++;
            TfliteGraph.Tensor weight = g.tensors().get(op.inputs()[1]);
            assertEquals(TfliteGraph.INT8, weight.type());
            int channels = op.opcode() == 3 ? weight.shape()[0] : weight.shape()[3];
            assertEquals(channels, weight.scales().length, weight.name());
            assertEquals(op.opcode() == 3 ? 0 : 3, weight.quantizedDimension(), weight.name());
            float[] values = g.values(weight);
            assertTrue(Arrays.stream(box(values)).allMatch(v -> Float.isFinite(v) && Math.abs(v) < 100), weight.name());
            TfliteGraph.Tensor bias = g.tensors().get(op.inputs()[2]);
            assertEquals(TfliteGraph.INT32, bias.type());
            assertEquals(channels, g.values(bias).length);
        }
        assertEquals(53, convs);
    }

    @Test
    void theTransformerHasFloat16WeightsAndTwoInputs() throws IOException {
        TfliteGraph g = read("style_transfer_f16_384.tflite");
        assertEquals(285, g.operators().size());
        assertEquals(Set.of(0, 3, 6, 14, 18, 40, 41, 76, 97, 99, 100), opcodes(g));
        assertEquals(2, g.inputs().length);
        assertArrayEquals(
                new int[] {1, 384, 384, 3}, g.tensors().get(g.outputs()[0]).shape());
        int parameters = 0;
        for (TfliteGraph.Operator op : g.operators()) {
            if (op.opcode() == 6) { // DEQUANTIZE: a float16 constant expanded to float32
                TfliteGraph.Tensor half = g.tensors().get(op.inputs()[0]);
                assertEquals(TfliteGraph.FLOAT16, half.type(), half.name());
                float[] values = g.values(half);
                assertEquals(half.size(), values.length);
                assertTrue(Arrays.stream(box(values)).allMatch(Float::isFinite), half.name());
                parameters += values.length;
            }
        }
        assertTrue(parameters > 70_094, "all weights are float16 constants: " + parameters);
    }

    @Test
    void everyFloat16BecomesTheFloatItEncodes() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int sign = (bits >> 15) == 0 ? 1 : -1;
            int exponent = (bits >> 10) & 0x1F;
            int mantissa = bits & 0x3FF;
            double expected = exponent == 0
                    ? sign * Math.scalb((double) mantissa, -24)
                    : exponent == 31
                            ? (mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN)
                            : sign * Math.scalb(1 + mantissa / 1024.0, exponent - 15);
            float actual = TfliteGraph.halfToFloat((short) bits);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(actual), Integer.toHexString(bits));
            } else {
                assertEquals((float) expected, actual, 0f, Integer.toHexString(bits));
                assertEquals(Math.copySign(1f, (float) sign), Math.copySign(1f, actual), Integer.toHexString(bits));
            }
        }
    }

    @Test
    void aDamagedOrForeignFileIsRefusedWithItsName() throws IOException {
        byte[] real = Files.readAllBytes(TestMirror.repository().resolve(DIR + "style_transfer_f16_384.tflite"));
        Path truncated = dir.resolve("truncated.tflite");
        Files.write(truncated, Arrays.copyOf(real, real.length / 3));
        IOException cut = assertThrows(IOException.class, () -> TfliteGraph.read(truncated));
        assertTrue(cut.getMessage().startsWith(truncated + ": truncated or damaged"), cut.getMessage());

        Path photo = TestMirror.file("images/content/tubingen.jpg");
        IOException foreign = assertThrows(IOException.class, () -> TfliteGraph.read(photo));
        assertEquals(photo + ": not a TensorFlow Lite file (no TFL3 identifier)", foreign.getMessage());
    }

    @Test
    void aGraphWithAnOperatorTheReaderDoesNotKnowIsRefusedWithItsIndexAndCode() throws IOException {
        byte[] bytes = Files.readAllBytes(TestMirror.repository().resolve(DIR + "style_transfer_f16_384.tflite"));
        renameOperatorCode(bytes, 14, 126); // LOGISTIC, the last operator, becomes code 126
        Path foreign = dir.resolve("foreign-op.tflite");
        Files.write(foreign, bytes);
        TfliteGraph graph = TfliteGraph.read(foreign);
        IOException e = assertThrows(IOException.class, () -> TfliteNetworks.convert(graph, "t", "out"));
        assertEquals(
                foreign + ": operator 284 (operator code 126) has an operator this reader does not know;"
                        + " it cannot be converted exactly",
                e.getMessage());
    }

    /**
     * Changes the operator code table naming {@code from} to name {@code to}, in place: both its
     * one-byte field (0) and its int field (3), wherever the flatbuffer's vtable says they are.
     */
    private static void renameOperatorCode(byte[] file, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int model = b.getInt(0);
        int codes = vector(b, model, 1);
        for (int i = 0; i < b.getInt(codes); i++) {
            int slot = codes + 4 + 4 * i;
            int table = slot + b.getInt(slot);
            int narrow = fieldAt(b, table, 0);
            int wide = fieldAt(b, table, 3);
            int code = Math.max(narrow < 0 ? 0 : b.get(narrow), wide < 0 ? 0 : b.getInt(wide));
            if (code == from) {
                if (narrow >= 0) {
                    b.put(narrow, (byte) to);
                }
                if (wide >= 0) {
                    b.putInt(wide, to);
                }
                return;
            }
        }
        throw new AssertionError("no operator code " + from);
    }

    private static int vector(ByteBuffer b, int table, int field) {
        int at = fieldAt(b, table, field);
        return at + b.getInt(at);
    }

    /** Where {@code field} of {@code table} is, or -1 if absent. */
    private static int fieldAt(ByteBuffer b, int table, int field) {
        int vtable = table - b.getInt(table);
        int entry = 4 + 2 * field;
        if (entry >= b.getShort(vtable)) {
            return -1;
        }
        int offset = b.getShort(vtable + entry);
        return offset == 0 ? -1 : table + offset;
    }

    private static Set<Integer> opcodes(TfliteGraph g) {
        Set<Integer> codes = new TreeSet<>();
        g.operators().forEach(op -> codes.add(op.opcode()));
        return codes;
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
