package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's OpenMP threads wait without spinning (docs/gatys.md, "Sharing the machine"), unless
 * the user chose a policy: what OpenMP read when the engine loaded is in the process's environment.
 */
class WaitPolicyTest {

    @Test
    void theEngineStartsWithPassiveWaitingUnlessTheUserChose() {
        new PyTorchBackend().startEngine();
        String seen = (String) NativeLibrary.getInstance(Platform.C_LIBRARY_NAME)
                .getFunction("getenv")
                .invoke(String.class, new Object[] {"OMP_WAIT_POLICY"});
        assertEquals(Objects.requireNonNullElse(System.getenv("OMP_WAIT_POLICY"), "PASSIVE"), seen);
    }
}
