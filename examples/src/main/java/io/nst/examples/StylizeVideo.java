package io.nst.examples;

import io.nst.fast.FastStylizer;
import io.nst.video.VideoReport;
import io.nst.video.VideoStylizer;
import java.nio.file.Path;

/**
 * A clip (MP4, MOV, WebM, MKV) or a folder of frames stylized with a trained style, steadied against
 * flicker; the audio, frame rate and rotation kept.
 *
 * <p>{@code StylizeVideo STYLE IN OUT SIZE}, for example {@code StylizeVideo wave walk.mp4
 * walk-wave.mp4 512}
 */
public final class StylizeVideo {

    public static void main(String[] args) {
        try (FastStylizer stylizer = FastStylizer.builder().model(args[0]).build()) {
            VideoStylizer video = VideoStylizer.builder()
                    .stylizer(stylizer)
                    .size(Integer.parseInt(args[3]))
                    .progress(p -> System.out.printf("frame %d, %.1f frames/s%n", p.frame(), p.framesPerSecond()))
                    .build();
            VideoReport report = video.stylize(Path.of(args[1]), Path.of(args[2]));
            report.warnings().forEach(System.out::println);
            System.out.printf(
                    "%d frames in %.1f s, temporal error %.2f grey levels%n",
                    report.frames(), report.seconds(), report.temporalError());
        }
    }
}
