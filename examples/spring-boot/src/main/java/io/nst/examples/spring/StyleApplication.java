package io.nst.examples.spring;

import io.nst.Images;
import io.nst.Limits;
import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
import io.nst.spring.boot.StylizerPool;
import java.io.ByteArrayInputStream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application with {@code nst-spring-boot-starter} and a backend: its own endpoint
 * stylizes with the injected {@link StylizerPool}, and {@code nst.web.enabled=true} adds the HTTP
 * API of {@code nst serve} under {@code /api}. Only the pretrained styles are offered to clients,
 * so that nothing a client sends names a path on the server.
 *
 * <p>{@code POST /styled/wave} with a photo as the body answers the PNG of it in that style.
 */
@SpringBootApplication
@RestController
public class StyleApplication {

    private final StylizerPool stylizers;

    public StyleApplication(StylizerPool stylizers) {
        this.stylizers = stylizers;
    }

    @PostMapping(value = "/styled/{style}", produces = "image/png")
    public byte[] styled(@PathVariable("style") String style, @RequestBody byte[] photo) {
        if (!FastStylizer.PRETRAINED.contains(style)) {
            throw new StyleTransferException(
                    StyleTransferException.Kind.NOT_FOUND,
                    "no style '" + style + "'; the styles are " + String.join(", ", FastStylizer.PRETRAINED));
        }
        return Images.toPng(stylizers.stylize(
                style, Images.read(new ByteArrayInputStream(photo), "the photo", Limits.DEFAULT_MAX_PIXELS)));
    }

    /** A failure answered with the status its kind says and its one-line message. */
    @ExceptionHandler(StyleTransferException.class)
    public ResponseEntity<String> failed(StyleTransferException e) {
        HttpStatus status = switch (e.kind()) {
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case LIMIT, CLOSED -> HttpStatus.SERVICE_UNAVAILABLE;
            case CANCELLED, ENGINE, IO -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return ResponseEntity.status(status).body(e.getMessage() + "\n");
    }

    public static void main(String[] args) {
        SpringApplication.run(StyleApplication.class, args);
    }
}
