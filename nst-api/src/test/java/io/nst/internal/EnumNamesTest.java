package io.nst.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nst.Device;
import io.nst.Optimizer;
import io.nst.Precision;
import org.junit.jupiter.api.Test;

class EnumNamesTest {

    @Test
    void aNameInAnyCaseGivesItsConstant() {
        assertEquals(Device.GPU, Device.parse("gpu"));
        assertEquals(Precision.INT8, Precision.parse("Int8"));
        assertEquals(Optimizer.ADAM, Optimizer.parse("ADAM"));
    }

    @Test
    void anUnknownNameIsRefusedWithEveryChoice() {
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
        assertEquals("unknown device 'tpu'; use cpu, gpu or auto", three.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> Optimizer.parse("sgd"));
        assertEquals("unknown optimizer 'sgd'; use lbfgs or adam", two.getMessage());
    }

    @Test
    void noNameIsRefusedToo() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Precision.parse(null));
        assertEquals("unknown precision 'null'; use fp32, bf16 or int8", none.getMessage());
    }
}
