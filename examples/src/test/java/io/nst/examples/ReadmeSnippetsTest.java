package io.nst.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java block of the README compiles as written, against the published modules. */
class ReadmeSnippetsTest {

    @TempDir
    Path classes;

    @Test
    void everyJavaBlockOfTheReadmeCompilesAsWritten() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<JavaFileObject> sources = new ArrayList<>();
        while (block.find()) {
            String code = block.group(1);
            Matcher name = Pattern.compile("public (?:final )?class (\\w+)").matcher(code);
            assertTrue(name.find(), "a README block that is not a whole class:\n" + code);
            sources.add(
                    new SimpleJavaFileObject(
                            URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return code;
                        }
                    });
        }
        assertTrue(sources.size() >= 1, "the README has Java blocks");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(
                        errors,
                        null,
                        null,
                        List.of(
                                "-classpath",
                                System.getProperty("java.class.path"),
                                "-d",
                                classes.toString(),
                                "-Xlint:all",
                                "-Werror"),
                        null,
                        sources)
                .call();
        assertEquals("", errors.toString());
        assertTrue(compiled);
    }
}
