package io.nst.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Method;
import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Providers are found once; one that cannot be loaded is named in one line and the others still work. */
class ProvidersTest {

    /** A provider whose constructor fails, as one with a missing dependency would. */
    public static final class Broken implements StyleMethod {
        public Broken() {
            throw new IllegalStateException("needs a library that is not there");
        }

        @Override
        public Method method() {
            return Method.FAST;
        }

        @Override
        public StyleTransferResult run(StyleTransfer job) {
            throw new AssertionError();
        }
    }

    /** A provider that works. */
    public static final class Working implements StyleMethod {
        @Override
        public Method method() {
            return Method.ARBITRARY;
        }

        @Override
        public StyleTransferResult run(StyleTransfer job) {
            throw new AssertionError();
        }
    }

    @Test
    void aBrokenProviderIsNamedInOneLineAndSkipped(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services/" + StyleMethod.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(
                services, Broken.class.getName() + "\nio.nst.NoSuchMethod\n" + Working.class.getName() + "\n");
        List<String> problems = new ArrayList<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            List<StyleMethod> found = Providers.find(StyleMethod.class, loader, problems);
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0) instanceof Working);
        }
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(
                problems.get(0)
                        .startsWith("skipped a provider of io.nst.StyleMethod: Provider " + Broken.class.getName()
                                + " could not be instantiated"),
                problems.get(0));
        assertTrue(problems.get(0).contains("needs a library that is not there"), problems.get(0));
        assertTrue(problems.get(1).contains("io.nst.NoSuchMethod not found"), problems.get(1));
        problems.forEach(line -> assertTrue(!line.contains("\n"), "one line: " + line));
    }

    @Test
    void theProvidersOfAServiceAreFoundOnceAndKept() {
        assertSame(Providers.of(StyleMethod.class), Providers.of(StyleMethod.class));
    }
}
