package io.nst.video;

import java.util.List;

/**
 * What a clip's run did.
 *
 * @param frames frames written
 * @param seconds seconds the run took, reading and writing included
 * @param framesPerSecond {@code frames / seconds}
 * @param temporalError the flicker left: the mean absolute difference, in grey levels (0 to 255),
 *     between each output frame and the previous output carried along the input's optical flow,
 *     on the pixels that flow marks reliable, cuts left out; NaN without two frames of one scene
 *     (a single frame, or cuts only)
 * @param cuts frames taken as scene cuts, where nothing was carried over
 * @param audioKept whether the input's audio is in the output: packet for packet, or re-encoded
 *     where the container cannot hold its codec (AAC into WebM becomes Opus; a warning says so)
 * @param complete false when the input could not be decoded to its end, or a folder's image
 *     could not be read (see {@code warnings})
 * @param warnings one line each: a clip cut short, files of a folder left out or taken in an
 *     uncertain order, audio re-encoded or left out, and why
 */
public record VideoReport(
        int frames,
        double seconds,
        double framesPerSecond,
        double temporalError,
        int cuts,
        boolean audioKept,
        boolean complete,
        List<String> warnings) {

    /** @throws NullPointerException if {@code warnings} is null */
    public VideoReport {
        warnings = List.copyOf(warnings);
    }
}
