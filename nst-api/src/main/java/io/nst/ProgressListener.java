package io.nst;

/** Receives progress of a running transfer; call {@link Progress#cancel()} to stop it early. */
@FunctionalInterface
public interface ProgressListener {

    /** Called on the thread running the transfer, every few iterations and after the last. */
    void onProgress(Progress progress);
}
