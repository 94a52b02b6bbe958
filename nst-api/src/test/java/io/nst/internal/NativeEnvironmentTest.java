package io.nst.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

/** What the engines' native code will read from the environment, through the C library's getenv. */
class NativeEnvironmentTest {

    static String nativeValue(String name) {
        return (String) NativeLibrary.getInstance(Platform.C_LIBRARY_NAME)
                .getFunction("getenv")
                .invoke(String.class, new Object[] {name});
    }

    @Test
    void anUnsetNameIsSetForNativeCode() {
        String name = "NST_TEST_" + System.nanoTime();
        assertNull(nativeValue(name));
        NativeEnvironment.setUnlessSet(name, "PASSIVE");
        assertEquals("PASSIVE", nativeValue(name));
    }

    @Test
    void aValueAlreadyThereStays() {
        String name = "NST_TEST_" + System.nanoTime();
        NativeEnvironment.setUnlessSet(name, "first");
        NativeEnvironment.setUnlessSet(name, "second");
        assertEquals("first", nativeValue(name));
        String path = System.getenv("PATH");
        NativeEnvironment.setUnlessSet("PATH", "/nowhere");
        assertEquals(path, nativeValue("PATH"));
    }
}
