package io.nst;

import io.nst.repo.ModelRepository;
import java.util.Objects;

/**
 * What every builder that runs a network takes: the backend, the device and the model
 * repository, held as one immutable {@link RunSettings}. Each setter checks its argument at once.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class RunBuilder<B extends RunBuilder<B>> {

    private RunSettings settings = RunSettings.defaults();

    /** For the builders of this SDK's modules. */
    protected RunBuilder() {}

    /**
     * Backend, device and repository at once.
     *
     * @throws NullPointerException if {@code settings} is null
     */
    public final B settings(RunSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return self();
    }

    /**
     * A backend by name ({@code pytorch}, {@code onnxruntime}, {@code tensorflow}), or {@code null}
     * for the best one on the class path that can do the job (the default).
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public final B backend(String name) {
        settings = settings.toBuilder().backend(name).build();
        return self();
    }

    /**
     * The device (default {@link Device#AUTO}: a GPU when the backend finds one).
     *
     * @throws NullPointerException if {@code device} is null
     */
    public final B device(Device device) {
        settings = settings.toBuilder().device(device).build();
        return self();
    }

    /**
     * Where models come from (default: {@link ModelRepository#fromEnvironment()}).
     *
     * @throws NullPointerException if {@code repository} is null
     */
    public final B repository(ModelRepository repository) {
        settings = settings.toBuilder().repository(repository).build();
        return self();
    }

    /** The settings given so far. */
    protected final RunSettings runSettings() {
        return settings;
    }

    /** This builder as its concrete type. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }
}
