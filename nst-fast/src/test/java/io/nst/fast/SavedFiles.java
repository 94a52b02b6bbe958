package io.nst.fast;

import com.google.gson.JsonParser;
import io.nst.fast.internal.TransferModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the current files of a saved model or checkpoint are, by their pointer files. */
final class SavedFiles {

    private SavedFiles() {}

    /** The folder of a trained model's weights. */
    static Path weights(Path model) throws IOException {
        return folder(model.resolve(TransferModels.METADATA));
    }

    /** A file of the current checkpoint in a training's output directory. */
    static Path checkpoint(Path output, String file) throws IOException {
        return folder(output.resolve("checkpoint.json")).resolve(file);
    }

    private static Path folder(Path pointer) throws IOException {
        String folder = JsonParser.parseString(Files.readString(pointer))
                .getAsJsonObject()
                .getAsJsonObject("snapshot")
                .get("folder")
                .getAsString();
        return pointer.resolveSibling(folder);
    }
}
