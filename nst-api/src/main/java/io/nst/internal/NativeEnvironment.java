package io.nst.internal;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings the engines' native libraries read from the process's environment once, when they
 * load. Java cannot change its own environment; the C library's {@code setenv} can, through JNA,
 * which every DJL engine brings. A backend calls this before its engine starts.
 */
public final class NativeEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(NativeEnvironment.class);

    private NativeEnvironment() {}

    /**
     * Sets {@code name} to {@code value} in the process's environment unless the user set it.
     * Where that cannot be done (JNA missing, or its native part unable to load from a noexec
     * temporary folder) the engine keeps its own default, and the reason is logged at debug level.
     */
    public static void setUnlessSet(String name, String value) {
        if (System.getenv(name) != null) {
            return;
        }
        try {
            NativeLibrary.getInstance(Platform.C_LIBRARY_NAME)
                    .getFunction("setenv")
                    .invokeInt(new Object[] {name, value, 0}); // 0: a value set natively stays
        } catch (LinkageError e) {
            LOG.debug("{} could not be set in the process's environment: {}", name, e.toString());
        }
    }
}
