package io.nst.packagingtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every module the BOM publishes is built as a library is expected to be: its jar, sources jar
 * and Javadoc jar each carry the licence and the notice, and the jar says its version.
 */
class PackagingTest {

    private final Path root = Path.of(System.getProperty("nst.root"));
    private final String version = System.getProperty("nst.version");

    /** The modules the BOM manages, read from it: what a user can name. */
    private List<String> publishedModules() throws IOException {
        String pom = Files.readString(root.resolve("nst-bom/pom.xml"));
        String bom = pom.substring(pom.indexOf("<dependencyManagement>"));
        Matcher m = Pattern.compile("<groupId>io\\.nst</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(bom);
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            // The model artifacts hold files, no code: checked by ModelArtifactTest.
            if (!m.group(1).startsWith("nst-models-")) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }

    @Test
    void everyPublishedJarCarriesTheLicenceTheNoticeAndItsVersion() throws IOException {
        List<String> modules = publishedModules();
        assertEquals(12, modules.size(), "the BOM's modules: " + modules);
        List<String> problems = new ArrayList<>();
        for (String module : modules) {
            for (String kind : new String[] {"", "-sources", "-javadoc"}) {
                Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + kind + ".jar");
                if (!Files.isRegularFile(jar)) {
                    problems.add(jar + ": not built (run mvn verify from the root)");
                    continue;
                }
                try (JarFile file = new JarFile(jar.toFile())) {
                    String prefix = kind.equals("-javadoc") ? "" : "META-INF/";
                    for (String legal : new String[] {"LICENSE", "NOTICE"}) {
                        if (file.getEntry(prefix + legal) == null) {
                            problems.add(jar.getFileName() + ": no " + prefix + legal);
                        }
                    }
                    if (kind.isEmpty()) {
                        String said = file.getManifest().getMainAttributes().getValue("Implementation-Version");
                        if (!version.equals(said)) {
                            problems.add(jar.getFileName() + ": Implementation-Version " + said);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theStartersPropertiesAreDescribedForIdesAndSpringBoot() throws IOException {
        Path jar = root.resolve("nst-spring-boot-starter/target/nst-spring-boot-starter-" + version + ".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getEntry("META-INF/spring-configuration-metadata.json");
            assertTrue(entry != null, "no configuration metadata in " + jar);
            String metadata =
                    new String(file.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String key :
                    new String[] {"nst.backend", "nst.models", "nst.pool-size", "nst.web.enabled", "nst.web.max-size"
                    }) {
                assertTrue(metadata.contains("\"" + key + "\""), key);
            }
            assertTrue(metadata.contains("Whether to mount the HTTP API under"), metadata);
        }
    }

    @Test
    void theJavadocFooterStatesTheLicence() throws IOException {
        Path jar = root.resolve("nst-api/target/nst-api-" + version + "-javadoc.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            String page = new String(
                    file.getInputStream(file.getEntry("io.nst.api/io/nst/Images.html"))
                            .readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(page.contains("Licensed under the Apache License, Version 2.0."), "footer");
            assertTrue(!page.contains("All rights reserved"), "footer");
        }
    }
}
