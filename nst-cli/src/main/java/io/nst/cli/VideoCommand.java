package io.nst.cli;

import io.nst.ImageSource;
import io.nst.Limits;
import io.nst.Precision;
import io.nst.StyleTransfer;
import io.nst.Stylizer;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.video.VideoProgress;
import io.nst.video.VideoReport;
import io.nst.video.VideoStylizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst video}: a clip or a folder of frames stylized in one pass per frame, without flicker. */
@Command(
        name = "video",
        description = "Stylize a clip (MP4, MOV, WebM, MKV) or a folder of frames with a trained style or any"
                + " painting, steadied against flicker.")
final class VideoCommand implements Callable<Integer> {

    @Option(
            names = {"--in", "--content"},
            required = true,
            description = "A clip (.mp4, .mov, .webm, .mkv) or a folder of frames (numbered image files).")
    Path in;

    @Option(
            names = "--out",
            required = true,
            description = "A clip (.mp4, .mov, .webm, .mkv), or a new folder for frame_00001.png...")
    Path out;

    @ArgGroup(multiplicity = "1")
    Style style;

    /** A trained style, or a painting. */
    static final class Style {
        @Option(
                names = "--model",
                required = true,
                description = "A pretrained style (wave, udnie, ...) or a model directory.")
        String model;

        @Option(names = "--style", required = true, description = "A painting, stylized with --method.")
        Path painting;
    }

    @Option(
            names = "--method",
            defaultValue = "arbitrary",
            description = "With --style: arbitrary (Magenta's networks, one pass per frame) or gatys (each frame"
                    + " optimised from the previous one carried along the motion, with a temporal loss).")
    String method;

    @Option(
            names = "--precision",
            defaultValue = "fp32",
            description = "With --model: fp32, bf16 (TensorFlow, on a CPU with AVX-512 BF16 or AMX: about 1.6x as"
                    + " fast) or int8 (ONNX Runtime: about 1.5x), as for ./nst fast.")
    String precision;

    @Option(
            names = "--iterations",
            defaultValue = "100",
            description = "gatys: L-BFGS iterations of the first frame; each following frame takes a quarter"
                    + " (at least 10).")
    int iterations;

    @Option(
            names = "--size",
            description = "Long side of the output frames in pixels (default: the clip's own; gatys: 512).")
    Integer size;

    @Option(
            names = "--stability",
            defaultValue = "" + VideoStylizer.DEFAULT_STABILITY,
            description = "0 (each frame on its own) to 1: how much of the previous output each frame keeps"
                    + " where the motion can be followed.")
    double stability;

    @Option(
            names = "--statistics-carry",
            defaultValue = "" + VideoStylizer.DEFAULT_STATISTICS_CARRY,
            description = "0 to 0.99, one-pass methods: how much of the frames before each instance norm keeps in"
                    + " its statistics (a running mean; costs a tenth to a third of the frame rate).")
    double statisticsCarry;

    @Option(
            names = "--frame-rate",
            defaultValue = "" + VideoStylizer.DEFAULT_FOLDER_FRAME_RATE,
            description = "Frames per second of a clip made from a folder of frames.")
    double frameRate;

    @Mixin
    EngineOptions engine;

    @Mixin
    Outputs outputs;

    @Mixin
    Report report;

    @Override
    public Integer call() throws Exception {
        VideoStylizer.Builder video = VideoStylizer.builder()
                .stability(Limits.strength("--stability", stability))
                .statisticsCarry(checkedCarry(statisticsCarry))
                .folderFrameRate(Limits.frameRate("--frame-rate", frameRate));
        if (size != null) {
            video.size(Limits.size("--size", size));
        }
        Precision chosen = Precision.parse(precision);
        if (chosen != Precision.FP32 && style.model == null) {
            throw new IllegalArgumentException("--precision " + precision + " is for --model (a trained style); a"
                    + " painting's networks run at fp32");
        }
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--in", in);
        if (style.painting != null) {
            if (!method.equals("arbitrary") && !method.equals("gatys")) {
                throw new IllegalArgumentException(
                        "--method " + method + " is not a video method; use arbitrary or gatys");
            }
            inputs.put("--style", style.painting);
        }
        if (VideoStylizer.isClip(out)) {
            outputs.checkFile("--out", out, inputs);
        } else {
            outputs.checkNewFolder("--out", out, inputs);
        }
        report.checkBeside(outputs, out, inputs);
        TerminalBar bar = TerminalBar.onStderr();
        video.progress(p -> showProgress(bar, p));
        if (style.painting != null && method.equals("gatys")) {
            // The template's content is a stand-in: each frame replaces it.
            StyleTransfer template = StyleTransfer.builder()
                    .content(style.painting)
                    .style(style.painting)
                    .iterations(iterations)
                    .backend(engine.backend)
                    .device(engine.device())
                    .build();
            VideoReport result = video.gatys(template).build().stylize(in, out);
            Backend backend = Backends.select(engine.backend, Capability.GATYS_GRADIENTS);
            return finish(bar, result, "gatys", backend.name(), backend.useGpu(engine.device()) ? "gpu" : "cpu");
        }
        try (Stylizer stylizer = stylizer(chosen)) {
            VideoReport result = video.stylizer(stylizer).build().stylize(in, out);
            return finish(bar, result, style.model != null ? "fast" : method, stylizer.backend(), stylizer.device());
        }
    }

    /** Shows the end of the run, its warnings and its summary line, and writes the report; 1 when cut short. */
    private int finish(TerminalBar bar, VideoReport result, String methodName, String backend, String device)
            throws java.io.IOException {
        if (result.frames() > 0 && result.complete()) {
            bar.show(
                    result.frames(),
                    result.frames(),
                    figures(result.frames(), result.frames(), result.framesPerSecond(), 0));
        }
        result.warnings().forEach(line -> System.err.println("nst: " + line));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("command", "video");
        figures.put("input", in.toString());
        figures.put("output", out.toString());
        figures.put("style", style.model != null ? style.model : style.painting.toString());
        figures.put("method", methodName);
        figures.put("backend", backend);
        figures.put("device", device);
        figures.put("stability", stability);
        figures.put("statisticsCarry", statisticsCarry);
        figures.put("precision", precision.toLowerCase(Locale.ROOT));
        figures.put("frames", result.frames());
        figures.put("seconds", result.seconds());
        figures.put("framesPerSecond", result.framesPerSecond());
        figures.put("temporalError", result.temporalError());
        figures.put("cuts", result.cuts());
        figures.put("audioKept", result.audioKept());
        figures.put("complete", result.complete());
        figures.put("warnings", result.warnings());
        report.write(figures);
        System.err.printf(
                Locale.ROOT,
                "wrote %d frame%s to %s in %.1f s (%.2f frames/s, %s; %s on %s, %s)%n",
                result.frames(),
                result.frames() == 1 ? "" : "s",
                out,
                result.seconds(),
                result.framesPerSecond(),
                Double.isNaN(result.temporalError())
                        ? "no temporal error: no two frames of one scene"
                        : String.format(Locale.ROOT, "temporal error %.2f", result.temporalError()),
                methodName,
                backend,
                device);
        // As for a folder of photos with one unreadable: what could be done is written, and a
        // script learns that something was not.
        return result.complete() ? 0 : 1;
    }

    private Stylizer stylizer(Precision chosen) {
        if (style.model != null) {
            return FastStylizer.builder()
                    .model(style.model)
                    .precision(chosen)
                    .backend(engine.backend)
                    .device(engine.device())
                    .build();
        }
        return ArbitraryStylizer.builder()
                .style(ImageSource.of(style.painting), 1)
                .backend(engine.backend)
                .device(engine.device())
                .build();
    }

    private static void showProgress(TerminalBar bar, VideoProgress p) {
        // A clip may not say how long it is, or say it wrongly: the bar then stays short of its end.
        long total = p.totalFrames() > p.frame() ? p.totalFrames() : p.frame() + 1;
        double perFrame = p.elapsedSeconds() / p.frame();
        bar.show(
                p.frame(),
                (int) total,
                figures(p.frame(), p.totalFrames(), p.framesPerSecond(), perFrame * (total - p.frame())));
    }

    private static String figures(int frame, long total, double framesPerSecond, double etaSeconds) {
        return String.format(
                Locale.ROOT,
                "frame %d%s  %.2f frames/s  ETA %s",
                frame,
                total > 0 ? "/" + total : "",
                framesPerSecond,
                TerminalBar.eta(etaSeconds));
    }

    private static double checkedCarry(double carry) {
        if (!(carry >= 0 && carry <= VideoStylizer.MAX_STATISTICS_CARRY)) {
            throw new IllegalArgumentException("--statistics-carry must be between 0 and "
                    + VideoStylizer.MAX_STATISTICS_CARRY + ", got " + carry);
        }
        return carry;
    }
}
