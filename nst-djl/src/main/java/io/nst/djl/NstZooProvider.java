package io.nst.djl;

import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooProvider;

/**
 * Registers {@link NstModelZoo} with DJL, which finds this class with {@link java.util.ServiceLoader};
 * nothing to call.
 */
public final class NstZooProvider implements ZooProvider {

    /** For the service loader. */
    public NstZooProvider() {}

    @Override
    public ModelZoo getModelZoo() {
        return NstModelZoo.instance();
    }
}
