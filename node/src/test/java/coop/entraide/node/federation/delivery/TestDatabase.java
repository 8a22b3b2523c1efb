package coop.entraide.node.federation.delivery;

import coop.entraide.node.store.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One embedded PostgreSQL for all the tests of this JVM, in a temporary directory. */
public final class TestDatabase {
    private static URI url;

    private TestDatabase() {
    }

    public static synchronized URI url() {
        if (url == null) {
            try {
                Path dir = Files.createTempDirectory("entraide-delivery-test");
                EmbeddedDatabase db = EmbeddedDatabase.start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    db.close();
                    deleteTree(dir);
                }));
                url = db.url();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return url;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the system cleans it eventually
        }
    }
}
