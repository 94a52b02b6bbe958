package io.nst.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.nst.Images;
import io.nst.testing.PackageCycles;
import io.nst.testing.TestMirror;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example runs as documented (small and short) and writes a readable image. */
class ExamplesTest {

    @TempDir
    Path dir;

    private final String photo = TestMirror.file("images/content/tubingen.jpg").toString();
    private final String starry =
            TestMirror.file("images/style/starry_night.jpg").toString();
    private final String seated =
            TestMirror.file("images/style/seated-nude.jpg").toString();

    /**
     * The public API is what the modules' descriptors export to everyone; an example uses nothing
     * else of the SDK (nor an engine, nor the tool's command-line library).
     */
    @Test
    void theExamplesUseOnlyThePublicApi() throws Exception {
        Set<String> internal = new TreeSet<>();
        PackageCycles.libraryClasses().forEach(c -> internal.add(c.getPackageName()));
        internal.removeIf(pkg -> pkg.startsWith("io.nst.examples") || pkg.startsWith("io.nst.cli"));
        Set<String> described = new TreeSet<>();
        Enumeration<URL> descriptors = getClass().getClassLoader().getResources("module-info.class");
        while (descriptors.hasMoreElements()) {
            try (InputStream in = descriptors.nextElement().openStream()) {
                ModuleDescriptor module = ModuleDescriptor.read(in);
                if (module.name().startsWith("io.nst.")) {
                    described.addAll(module.packages());
                    module.exports().stream().filter(e -> !e.isQualified()).forEach(e -> internal.remove(e.source()));
                }
            }
        }
        // A module without a descriptor (the web server, the Spark job) exports all its packages.
        internal.retainAll(described);
        assertTrue(internal.contains("io.nst.spi") && internal.contains("io.nst.fast.internal"), internal.toString());
        List<String> forbidden = new ArrayList<>(internal);
        forbidden.addAll(List.of("picocli..", "ai.onnxruntime..", "org.tensorflow.."));
        var examples = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nst.examples");
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden.toArray(String[]::new))
                .because("an example shows what a user writes: the builders, the results, the models")
                .check(examples);
        // DJL's own API is what a DJL user writes, in the model-zoo example only; never an engine's.
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(DjlModelZoo.class.getName())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.djl..")
                .because("only the DJL model-zoo example speaks DJL")
                .check(examples);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "ai.djl.pytorch..", "ai.djl.onnxruntime..", "ai.djl.tensorflow..", "ai.djl.engine..")
                .because("Criteria picks the engine; an example never names one's classes")
                .check(examples);
    }

    @Test
    void sharedStylizer() throws Exception {
        String printed = printedBy(() -> SharedStylizer.main(new String[] {"wave", photo, dir.toString()}));
        for (int i = 0; i < 4; i++) {
            assertImage("request-" + i + ".png", 128);
        }
        assertTrue(printed.contains("after close: CLOSED"), printed);
    }

    @Test
    void quickStart() throws Exception {
        QuickStart.main(new String[] {photo, starry, out("a.png"), "48", "5"});
        assertImage("a.png", 48);
    }

    @Test
    void blendStyles() throws Exception {
        BlendStyles.main(new String[] {photo, starry, seated, out("b.png"), "40", "5"});
        assertImage("b.png", 40);
    }

    @Test
    void preserveColors() throws Exception {
        PreserveColors.main(new String[] {photo, starry, out("c.png"), "40", "5"});
        assertImage("c.png", 40);
    }

    @Test
    void progressAndCancel() throws Exception {
        ProgressAndCancel.main(new String[] {photo, starry, dir.toString(), "0", "32"});
        assertImage("preview-0020.png", 32);
        assertImage("final.png", 32);
    }

    @Test
    void vgg19Features() throws Exception {
        Vgg19Features.main(new String[] {photo, starry, out("d.png"), "40", "3"});
        assertImage("d.png", 40);
    }

    @Test
    void ownModelMirror() throws Exception {
        OwnModelMirror.main(new String[] {
            TestMirror.directory().toString(), dir.resolve("cache").toString(), photo, starry, out("e.png"), "40", "3"
        });
        assertImage("e.png", 40);
        assertTrue(Files.exists(dir.resolve("cache/models/darknet-tiny/model.json")));
    }

    @Test
    void arbitraryStyle() throws Exception {
        Path small = dir.resolve("small.png");
        Images.write(Images.resizeLongSide(Images.read(Path.of(photo)), 60), small);
        ArbitraryStyle.main(new String[] {small.toString(), starry, seated, dir.toString()});
        assertImage("full.png", 60);
        assertImage("half.png", 60);
        assertImage("between.png", 60);
    }

    @Test
    void fastBatch() throws Exception {
        Path in = Files.createDirectories(dir.resolve("photos"));
        Files.copy(Path.of(photo), in.resolve("tubingen.jpg"));
        Files.createDirectories(dir.resolve("styled"));
        FastBatch.main(
                new String[] {"udnie", in.toString(), dir.resolve("styled").toString()});
        var image = Images.read(dir.resolve("styled/tubingen.jpg"));
        assertTrue(image.getWidth() == Images.read(Path.of(photo)).getWidth());
    }

    @Test
    void stylizeVideo() throws Exception {
        Path frames = Files.createDirectories(dir.resolve("frames"));
        var scene = Images.resizeLongSide(Images.read(Path.of(photo)), 120);
        for (int f = 0; f < 4; f++) {
            Images.write(scene.getSubimage(3 * f, 0, 96, 64), frames.resolve("f" + f + ".png"));
        }
        String printed =
                printedBy(() -> StylizeVideo.main(new String[] {"wave", frames.toString(), out("clip.mp4"), "96"}));
        assertTrue(printed.contains("4 frames in"), printed);
        assertTrue(Files.size(dir.resolve("clip.mp4")) > 0);
    }

    @Test
    void exportAndRun() throws Exception {
        Path small = dir.resolve("small.png");
        Images.write(Images.resizeLongSide(Images.read(Path.of(photo)), 64), small);
        ExportAndRun.main(new String[] {"wave", small.toString(), dir.toString()});
        assertTrue(Files.exists(dir.resolve("wave.onnx")));
        assertTrue(Files.exists(dir.resolve("wave-savedmodel/saved_model.pb")));
        assertImage("wave-onnx.png", 64);
        assertImage("wave-savedmodel.png", 64);
    }

    @Test
    void reducedPrecision() throws Exception {
        Path small = dir.resolve("small.png");
        Images.write(Images.resizeLongSide(Images.read(Path.of(photo)), 96), small);
        String printed =
                printedBy(() -> ReducedPrecision.main(new String[] {"wave", small.toString(), dir.toString()}));
        assertTrue(printed.contains("INT8: ") && printed.contains("ms on onnxruntime"), printed);
        assertImage("fp32.png", 96);
        assertImage("int8.png", 96);
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo) && Files.readString(cpuinfo).matches("(?s).*\\b(avx512_bf16|amx_bf16)\\b.*")) {
            if (printed.contains("ms on tensorflow")) {
                assertImage("bf16.png", 96);
            } else {
                assertTrue(printed.contains("TensorFlow's bfloat16 kernels are not reliable here"), printed);
            }
        } else {
            assertTrue(printed.contains("BF16: bf16 needs a CPU with AVX-512 BF16 or AMX"), printed);
        }
    }

    @Test
    void djlModelZoo() throws Exception {
        Path small = dir.resolve("small.png");
        Images.write(Images.resizeLongSide(Images.read(Path.of(photo)), 96), small);
        DjlModelZoo.main(new String[] {
            "wave",
            small.toString(),
            TestMirror.file("images/style/starry_night.jpg").toString(),
            dir.toString()
        });
        assertImage("fast.png", 96);
        assertImage("arbitrary.png", 96);
    }

    @Test
    void largeImage() throws Exception {
        Path photo300 = dir.resolve("photo300.png");
        Images.write(Images.resizeLongSide(Images.read(Path.of(photo)), 300), photo300);
        LargeImage.main(new String[] {"udnie", photo300.toString(), out("large.png"), "200"});
        assertImage("large.png", 300);
    }

    @Test
    void trainStyle() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("train"));
        try (var files = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            for (Path p : files.sorted().limit(2).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        TrainStyle.main(
                new String[] {starry, photos.toString(), dir.resolve("model").toString(), photo, out("t.png"), "2", "32"
                });
        assertTrue(Files.exists(dir.resolve("model/nst-model.json")));
        assertTrue(Files.size(dir.resolve("t.png")) > 0);
    }

    @Test
    void sparkBatch() throws Exception {
        Path in = Files.createDirectories(dir.resolve("spark-in"));
        try (var files = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            for (Path p : files.sorted().limit(2).toList()) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        Files.writeString(in.resolve("broken.jpg"), "no photo");
        Path out = dir.resolve("styled");
        String printed =
                printedBy(() -> SparkBatch.main(new String[] {"wave", in.toString(), out.toString(), "local[2]"}));
        try (var written = Files.list(out)) {
            assertEquals(2, written.count());
        }
        assertTrue(printed.contains("failed: broken.jpg: not a supported image"), printed);
        assertTrue(printed.contains("written: 2"), printed);
    }

    @Test
    void serveWebPage() throws Exception {
        assertTrue(printedBy(() -> ServeWebPage.main(new String[] {"0", "1"})).startsWith("http://127.0.0.1:"));
    }

    @Test
    void mountWebRoutes() throws Exception {
        assertTrue(printedBy(() -> MountWebRoutes.main(new String[] {"0", "1"})).startsWith("http://127.0.0.1:"));
    }

    /** An example's main method that prints. */
    private interface Program {
        void run() throws Exception;
    }

    /** What {@code program} prints on standard output. */
    private static String printedBy(Program program) throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String out(String name) {
        return dir.resolve(name).toString();
    }

    private void assertImage(String name, int longSide) {
        var image = Images.read(dir.resolve(name));
        assertTrue(Math.max(image.getWidth(), image.getHeight()) == longSide, name);
    }
}
