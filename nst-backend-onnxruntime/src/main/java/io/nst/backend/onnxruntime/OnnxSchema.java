package io.nst.backend.onnxruntime;

import io.nst.net.Padding;

/**
 * The parts of ONNX's schema ({@code onnx.proto}) that {@link OnnxExporter} writes: the opset and
 * IR version, element types, field numbers, and builders of attributes and graph inputs and
 * outputs.
 */
final class OnnxSchema {

    static final int OPSET = 13;
    static final int IR_VERSION = 7;

    // Element types (TensorProto.DataType).
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;

    // ONNX field numbers (onnx.proto).
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER = 2;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET = 8;
    static final int OPSET_VERSION = 2;
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP = 4;
    static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_FLOAT = 2;
    private static final int ATTR_INT = 3;
    private static final int ATTR_STRING = 4;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_TYPE = 2;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW = 9;
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private OnnxSchema() {}

    static Proto stringAttr(String name, String value) {
        return new Proto().string(ATTR_NAME, name).string(ATTR_STRING, value).varint(ATTR_TYPE, 3);
    }

    static Proto ints(String name, long... values) {
        Proto attribute = new Proto().string(ATTR_NAME, name);
        for (long v : values) {
            attribute.varint(ATTR_INTS, v);
        }
        return attribute.varint(ATTR_TYPE, 7);
    }

    static Proto intAttr(String name, long value) {
        return new Proto().string(ATTR_NAME, name).varint(ATTR_INT, value).varint(ATTR_TYPE, 2);
    }

    static Proto floatAttr(String name, float value) {
        return new Proto().string(ATTR_NAME, name).float32(ATTR_FLOAT, value).varint(ATTR_TYPE, 1);
    }

    static Proto autoPad(Padding padding) {
        return stringAttr("auto_pad", padding == Padding.SAME ? "SAME_UPPER" : "VALID");
    }

    /** A float tensor {@code [1, size]}. */
    static Proto vectorInfo(String name, int size) {
        Proto shape = new Proto()
                .message(SHAPE_DIM, new Proto().varint(DIM_VALUE, 1))
                .message(SHAPE_DIM, new Proto().varint(DIM_VALUE, size));
        Proto tensorType = new Proto().varint(TENSOR_TYPE_ELEM, FLOAT).message(TENSOR_TYPE_SHAPE, shape);
        return new Proto().string(VALUE_NAME, name).message(VALUE_TYPE, new Proto().message(TYPE_TENSOR, tensorType));
    }

    /**
     * A float tensor {@code [1, channels, height, width]} with named free sizes;
     * {@code channels < 0} leaves the channels free too.
     */
    static Proto valueInfo(String name, String sizePrefix, int channels) {
        Proto shape = new Proto()
                .message(SHAPE_DIM, new Proto().varint(DIM_VALUE, 1))
                .message(
                        SHAPE_DIM,
                        channels > 0
                                ? new Proto().varint(DIM_VALUE, channels)
                                : new Proto().string(DIM_PARAM, sizePrefix + "channels"))
                .message(SHAPE_DIM, new Proto().string(DIM_PARAM, sizePrefix + "height"))
                .message(SHAPE_DIM, new Proto().string(DIM_PARAM, sizePrefix + "width"));
        Proto tensorType = new Proto().varint(TENSOR_TYPE_ELEM, FLOAT).message(TENSOR_TYPE_SHAPE, shape);
        return new Proto().string(VALUE_NAME, name).message(VALUE_TYPE, new Proto().message(TYPE_TENSOR, tensorType));
    }
}
