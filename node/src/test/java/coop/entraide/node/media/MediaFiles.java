package coop.entraide.node.media;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Image files kept for the tests under {@code src/test/resources/media/}. */
final class MediaFiles {
    private MediaFiles() {
    }

    /** The bytes of {@code media/<folder>/<name>}, which must be there. */
    static byte[] read(String folder, String name) {
        try (InputStream in = MediaFiles.class.getResourceAsStream("/media/" + folder + "/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
