package io.nst.cli;

import io.nst.Device;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --device}, shared by the commands that run a network. */
final class EngineOptions {

    @Option(names = "--backend", description = "Backend name (default: the best available for the job).")
    String backend;

    @Option(names = "--device", defaultValue = "auto", description = "cpu, gpu or auto.")
    String device;

    Device device() {
        return Device.parse(device);
    }
}
