package io.nst;

import io.nst.repo.ModelRepository;
import java.util.Objects;

/**
 * Where a run executes and where its models come from: the backend, the device and the model
 * repository. One set serves {@link StyleTransfer}, {@code FastStylizer} and {@code StyleTrainer};
 * each of their builders takes it whole ({@code settings(..)}) or one value at a time.
 *
 * <p>Immutable and safe to share between threads; vary one value with {@link #toBuilder()}.
 */
public final class RunSettings {

    private static final RunSettings DEFAULTS = new Builder().build();

    private final String backend;
    private final Device device;
    private final ModelRepository repository;

    private RunSettings(Builder b) {
        this.backend = b.backend;
        this.device = b.device;
        this.repository = b.repository;
    }

    /** The best backend for the job, a GPU when there is one, models from the environment. */
    public static RunSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.backend = backend;
        b.device = device;
        b.repository = repository;
        return b;
    }

    /** The backend's name, or {@code null} for the best one on the class path that can do the job. */
    public String backend() {
        return backend;
    }

    /** The device the backend runs on. */
    public Device device() {
        return device;
    }

    /**
     * The model repository: the one given, else a new {@link ModelRepository#fromEnvironment()}
     * (read when asked, so that a long-lived settings object follows the environment it runs in).
     */
    public ModelRepository repository() {
        return repository != null ? repository : ModelRepository.fromEnvironment();
    }

    @Override
    public String toString() {
        return "RunSettings[backend=" + (backend == null ? "best" : backend) + ", device=" + device + ", repository="
                + (repository == null ? "from the environment" : repository) + "]";
    }

    /** Builds {@link RunSettings}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private String backend;
        private Device device = Device.AUTO;
        private ModelRepository repository;

        private Builder() {}

        /**
         * A backend by name ({@code pytorch}, {@code onnxruntime}, ...), or {@code null} for the
         * best one on the class path that can do the job (the default).
         *
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder backend(String name) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("backend name must not be blank; use null for the best backend");
            }
            this.backend = name;
            return this;
        }

        /** The device (default {@link Device#AUTO}). */
        public Builder device(Device device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** Where models come from (default: {@link ModelRepository#fromEnvironment()}). */
        public Builder repository(ModelRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        /** The settings; the builder can be changed afterwards without affecting them. */
        public RunSettings build() {
            return new RunSettings(this);
        }
    }
}
