package io.nst.video;

/**
 * How far a clip has come: frames done, of how many (-1 when the clip does not say), and the
 * seconds since it began.
 *
 * @param frame frames written so far, from 1
 * @param totalFrames the frames the input says it has, or -1
 * @param elapsedSeconds seconds since the run began
 */
public record VideoProgress(int frame, long totalFrames, double elapsedSeconds) {

    /** Frames per second so far. */
    public double framesPerSecond() {
        return elapsedSeconds > 0 ? frame / elapsedSeconds : 0;
    }

    /**
     * Told of each frame written, on the thread that runs the clip; should return quickly. An
     * exception it throws ends the run there, leaving no output, and reaches the caller: how a
     * server stops a clip whose client has gone.
     */
    @FunctionalInterface
    public interface Listener {
        /** Frame {@code progress.frame()} has been written. */
        void onFrame(VideoProgress progress);
    }
}
