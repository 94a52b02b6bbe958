package io.nst.examples;

import io.nst.StyleTransfer;
import io.nst.repo.ModelRepository;
import java.nio.file.Path;

/**
 * Models from a mirror of your own (a directory or URL laid out like the public one) into a
 * cache of your choice, with the public addresses switched off: nothing leaves your network.
 *
 * <p>{@code OwnModelMirror MIRROR CACHE_DIR PHOTO PAINTING OUT.png [SIZE] [ITERATIONS]}
 */
public final class OwnModelMirror {

    public static void main(String[] args) throws Exception {
        ModelRepository repository = ModelRepository.builder()
                .mirror(args[0])
                .cacheDirectory(Path.of(args[1]))
                .upstream(false)
                .build();
        StyleTransfer.builder()
                .repository(repository)
                .content(Path.of(args[2]))
                .style(Path.of(args[3]))
                .size(args.length > 5 ? Integer.parseInt(args[5]) : 512)
                .iterations(args.length > 6 ? Integer.parseInt(args[6]) : 300)
                .build()
                .run()
                .save(Path.of(args[4]));
    }
}
