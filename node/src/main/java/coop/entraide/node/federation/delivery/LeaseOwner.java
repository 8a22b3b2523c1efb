package coop.entraide.node.federation.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who holds delivery leases across restarts: a random id kept in the node's data directory. The
 * data directory is locked by one process at a time, so two live processes never share it, and
 * leases found under it at start-up belong to a run that died.
 *
 * @param prefix what every lease of this owner starts with
 */
public record LeaseOwner(String prefix) {
    private static final String FILE = "delivery-owner";
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    public LeaseOwner {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** Reads the owner id of a data directory, creating it on first use. Blocking. */
    public static LeaseOwner forDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                try {
                    Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.US_ASCII,
                            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException raced) {
                    // written meanwhile; read it below
                }
            }
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!ID.matcher(id).matches()) {
                throw new IllegalStateException(file + " does not hold a delivery owner id; delete it to get a new one");
            }
            return new LeaseOwner(id + "/");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
