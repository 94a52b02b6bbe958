package io.nst.djl;

import ai.djl.Model;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;

/** A ZooModel that frees what its translator holds (the SDK's stylizer) when it is closed. */
final class ClosingZooModel<I, O> extends ZooModel<I, O> {

    private final Runnable alsoClose;

    ClosingZooModel(Model model, Translator<I, O> translator, Runnable alsoClose) {
        super(model, translator);
        this.alsoClose = alsoClose;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            alsoClose.run();
        }
    }
}
