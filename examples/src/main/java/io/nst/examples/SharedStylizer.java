package io.nst.examples;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.Stylizer;
import io.nst.fast.FastStylizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One stylizer shared by a pool of threads, as a server holds one: the network is loaded once,
 * calls from several threads take turns, and closing it on shutdown waits for the call in flight;
 * a call after that fails with kind {@code CLOSED}.
 *
 * <p>{@code SharedStylizer STYLE PHOTO OUT_DIR}
 */
public final class SharedStylizer {

    private SharedStylizer() {}

    public static void main(String[] args) throws Exception {
        BufferedImage photo = Images.read(Path.of(args[1]));
        Path out = Path.of(args[2]);
        ExecutorService requests = Executors.newFixedThreadPool(4);
        Stylizer stylizer = FastStylizer.builder().model(args[0]).size(128).build();
        try {
            List<Future<BufferedImage>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(requests.submit(() -> stylizer.stylize(photo)));
            }
            for (int i = 0; i < answers.size(); i++) {
                Images.write(answers.get(i).get(), out.resolve("request-" + i + ".png"));
            }
        } finally {
            requests.shutdownNow();
            stylizer.close(); // safe from any thread, also while a call runs, and twice
        }
        try {
            stylizer.stylize(photo);
        } catch (StyleTransferException e) {
            System.out.println("after close: " + e.kind() + " (" + e.getMessage() + ")");
        }
    }
}
