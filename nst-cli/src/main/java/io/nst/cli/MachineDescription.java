package io.nst.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a benchmark report says about the machine it ran on. */
final class MachineDescription {

    private MachineDescription() {}

    /** The processor's model name (Linux), else the architecture. */
    static String cpu() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the architecture says less but is always there.
        }
        return System.getProperty("os.arch");
    }
}
