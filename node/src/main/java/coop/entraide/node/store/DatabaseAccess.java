package coop.entraide.node.store;

import coop.entraide.node.config.ConfigException;
import coop.entraide.node.config.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a process finds its database. A server owns the data directory (its lock) and, without
 * {@code --database-url}, runs the embedded PostgreSQL and leaves its address in the data directory
 * for the duration. An admin command uses that running node's database when there is one, and
 * otherwise takes the directory itself, as a server would.
 */
public final class DatabaseAccess implements AutoCloseable {
    private static final String RUN_FILE = "database.url";

    private final URI url;
    private final List<AutoCloseable> owned;

    private DatabaseAccess(URI url, List<AutoCloseable> owned) {
        this.url = url;
        this.owned = owned;
    }

    /** For {@code serve}: takes the data directory, or fails if a node already has it. */
    public static DatabaseAccess own(NodeConfig config) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            owned.add(DataDirLock.acquire(config.dataDir()));
            if (config.databaseUrl().isPresent()) {
                return new DatabaseAccess(config.databaseUrl().get(), owned);
            }
            EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir());
            owned.add(embedded);
            Path runFile = config.dataDir().resolve(RUN_FILE);
            writePrivate(runFile, embedded.url().toString());
            owned.add(() -> Files.deleteIfExists(runFile));
            return new DatabaseAccess(embedded.url(), owned);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /** For admin commands: shares a running node's database, or owns the directory if none runs. */
    public static DatabaseAccess shareOrOwn(NodeConfig config) {
        if (config.databaseUrl().isPresent()) {
            return new DatabaseAccess(config.databaseUrl().get(), new ArrayList<>());
        }
        try {
            return own(config);
        } catch (ConfigException inUse) {
            Optional<URI> running = runningUrl(config.dataDir());
            if (running.isPresent()) {
                return new DatabaseAccess(running.get(), new ArrayList<>());
            }
            throw inUse;
        }
    }

    private static Optional<URI> runningUrl(Path dataDir) {
        try {
            return Optional.of(URI.create(Files.readString(dataDir.resolve(RUN_FILE), StandardCharsets.UTF_8).trim()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void writePrivate(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigException("--data-dir", "cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    public URI url() {
        return url;
    }

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception ignored) {
                // best effort: the process is stopping
            }
        }
        owned.clear();
    }
}
