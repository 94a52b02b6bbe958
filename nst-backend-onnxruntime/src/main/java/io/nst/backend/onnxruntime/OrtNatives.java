package io.nst.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import io.nst.internal.AtomicFiles;
import io.nst.internal.Checksums;
import io.nst.repo.ModelRepository;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets ONNX Runtime load its native libraries from a copy made once in {@code
 * $NST_HOME/natives/onnxruntime-<crc>/} (default {@code ~/.nst}) instead of extracting them (20 MB)
 * into a new temporary folder in every process, which took a seventh of a second of each start.
 * The copy is checked against the jar's entries (size and CRC-32) every time it is used. Nothing
 * is done when the user pointed ONNX Runtime at libraries of their own ({@code
 * onnxruntime.native.path} and its kin) or off Linux x86-64, and any failure leaves ONNX Runtime to
 * extract them as it does by itself.
 */
final class OrtNatives {

    /** ONNX Runtime's own setting: the folder it loads its libraries from. */
    static final String PATH_PROPERTY = "onnxruntime.native.path";

    private static final String RESOURCES = "/ai/onnxruntime/native/linux-x64/";
    private static final String[] LIBRARIES = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};
    private static final Logger LOG = LoggerFactory.getLogger(OrtNatives.class);

    private OrtNatives() {}

    /** Points ONNX Runtime at the checked copy of its libraries, making it first if need be. */
    static void useCachedCopy() {
        if (System.getProperty(PATH_PROPERTY) != null
                || System.getProperty("onnxruntime.native.onnxruntime.path") != null
                || System.getProperty("onnxruntime.native.onnxruntime4j_jni.path") != null
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || !System.getProperty("os.arch", "").equals("amd64")) {
            return;
        }
        try {
            Path dir = cachedCopy(ModelRepository.defaultCacheDirectory().resolveSibling("natives"));
            if (dir != null) {
                System.setProperty(PATH_PROPERTY, dir.toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("ONNX Runtime extracts its libraries itself: no copy could be had ({})", e.toString());
        }
    }

    /**
     * The folder under {@code natives} holding a copy of the libraries that matches the jar's,
     * made now if none does; null when the jar has no such entries (another build of ONNX Runtime).
     */
    static Path cachedCopy(Path natives) throws IOException {
        ZipEntry[] entries = new ZipEntry[LIBRARIES.length];
        URL[] sources = new URL[LIBRARIES.length];
        for (int i = 0; i < LIBRARIES.length; i++) {
            sources[i] = OrtEnvironment.class.getResource(RESOURCES + LIBRARIES[i]);
            if (sources[i] == null) {
                return null;
            }
            URLConnection connection = sources[i].openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            entries[i] = jar.getJarEntry();
            if (entries[i].getCrc() < 0 || entries[i].getSize() < 0) {
                return null;
            }
        }
        Path dir = natives.resolve(String.format(Locale.ROOT, "onnxruntime-%08x", entries[0].getCrc()));
        Files.createDirectories(dir);
        for (int i = 0; i < LIBRARIES.length; i++) {
            Path library = dir.resolve(LIBRARIES[i]);
            if (!matches(library, entries[i])) {
                URL source = sources[i];
                ZipEntry entry = entries[i];
                AtomicFiles.write(library, part -> {
                    try (InputStream in = source.openStream()) {
                        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (!matches(part, entry)) {
                        throw new IOException(entry.getName() + " was not copied whole");
                    }
                });
            }
        }
        return dir;
    }

    /** Whether {@code file} has {@code entry}'s size and CRC-32. */
    private static boolean matches(Path file, ZipEntry entry) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
            return false;
        }
        return Checksums.crc32(file) == entry.getCrc();
    }
}
