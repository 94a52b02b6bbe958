package io.nst.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's program as a named module, compiled and run on the module path with nst-fast, the ONNX
 * Runtime backend and what they depend on, and nothing else: no {@code --add-modules}, no {@code
 * --add-opens}. The backend is bound as a service of {@code io.nst.api}.
 */
class ModulePathTest {

    @Test
    void aModularProgramWithTheMethodAndOneBackendRunsAsIs(@TempDir Path dir) throws Exception {
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isTestTooling(entry))
                .collect(Collectors.joining(File.pathSeparator));
        Path sources = Path.of("src/test/resources/demo");
        Path classes = dir.resolve("classes");
        List<String> javac = new ArrayList<>(List.of("--module-path", modulePath, "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .map(Path::toString)
                    .forEach(javac::add);
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new)));

        Path photo = mirror().resolve("images/content/tubingen.jpg");
        Path out = dir.resolve("out.png");
        Path log = dir.resolve("log.txt");
        Process java = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--module-path",
                        classes + File.pathSeparator + modulePath,
                        "--module",
                        "demo/demo.Main",
                        photo.toString(),
                        out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(java.waitFor(120, TimeUnit.SECONDS), "the program ends");
        String printed = Files.readString(log);
        assertEquals(0, java.exitValue(), printed);
        assertTrue(printed.contains("stylized on onnxruntime"), printed);
        assertEquals(96, ImageIO.read(out.toFile()).getWidth());
    }

    /** JUnit, Surefire and this module's own test classes: the test's tools, not the user's program. */
    private static boolean isTestTooling(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return entry.contains("test-classes")
                || name.startsWith("junit-")
                || name.startsWith("opentest4j")
                || name.startsWith("apiguardian")
                || name.startsWith("surefire")
                || name.startsWith("common-java5")
                || name.startsWith("common-junit");
    }

    private static Path mirror() throws IOException {
        String env = System.getenv("NST_MIRROR");
        Path mirror = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(mirror.resolve("images"))) {
            throw new IOException("this test needs the model mirror: NST_MIRROR=" + mirror + " has no images/");
        }
        return mirror;
    }
}
