package coop.entraide.node.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned schema migrations: numbered SQL files ({@code V0001__create_actors.sql}) on the class
 * path, applied at start-up and recorded in {@code schema_migrations}.
 *
 * <p>Versions only move forward but may leave gaps. All pending files run in one transaction under
 * an advisory lock: several node processes
 * starting together on one database migrate it once, and a file that fails leaves the database
 * exactly as it was. A recorded migration whose file changed, or a database migrated by a newer
 * Entraide, stops the node with a clear message rather than guessing.
 */
public final class Migrations {
    /** Arbitrary constant shared by every Entraide process: the advisory lock that serialises migrations. */
    private static final long LOCK_KEY = 0x456e747261696465L;
    private static final Pattern NAME = Pattern.compile("V(\\d{4})__([a-z0-9_]+)\\.sql");

    /** One migration file. */
    public record Migration(int version, String name, String sql, String checksum) {
    }

    /** What {@link #migrate} did. */
    public record Outcome(int fromVersion, int toVersion, List<Migration> applied) {
    }

    private final List<Migration> migrations;

    public Migrations(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    /** The migrations shipped with this build, in {@code db/migration} on the class path. */
    public static Migrations bundled() {
        return fromClasspath("db/migration");
    }

    public static Migrations fromClasspath(String location) {
        URL url = Migrations.class.getClassLoader().getResource(location);
        if (url == null) {
            throw new IllegalStateException("no migrations at " + location);
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return new Migrations(read(fs.provider().getPath(uri)));
            }
            return new Migrations(read(Path.of(uri)));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read migrations at " + location, e);
        }
    }

    private static List<Migration> read(Path dir) throws IOException {
        List<Migration> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String fileName = file.getFileName().toString();
                Matcher m = NAME.matcher(fileName);
                if (!m.matches()) {
                    if (fileName.endsWith(".sql")) {
                        throw new IllegalStateException("migration file " + fileName + " is not named V0001__name.sql");
                    }
                    continue;
                }
                String sql;
                try (InputStream in = Files.newInputStream(file)) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                found.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql)));
            }
        }
        found.sort((a, b) -> Integer.compare(a.version(), b.version()));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).version() == found.get(i - 1).version()) {
                throw new IllegalStateException("two migrations have version V" + pad(found.get(i).version()));
            }
        }
        return found;
    }

    public List<Migration> all() {
        return migrations;
    }

    public Future<Outcome> migrate(Pool pool) {
        return pool.withTransaction(this::migrateLocked);
    }

    private Future<Outcome> migrateLocked(SqlConnection tx) {
        return tx.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
                .compose(v -> tx.query("""
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version    integer PRIMARY KEY,
                            name       text NOT NULL,
                            checksum   text NOT NULL,
                            applied_at timestamptz NOT NULL DEFAULT now()
                        )""").execute())
                .compose(v -> tx.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").execute())
                .compose(rows -> {
                    Map<Integer, Row> applied = new HashMap<>();
                    rows.forEach(r -> applied.put(r.getInteger("version"), r));
                    return checkHistory(applied).compose(from -> applyPending(tx, from));
                });
    }

    /**
     * Checks what the database already has against this build, and returns the highest version
     * applied. Versions may have gaps (capabilities developed side by side take their own numbers),
     * but they only ever move forward: a file numbered below what the database has and never
     * applied to it means the build and the database disagree, and nothing is guessed.
     */
    private Future<Integer> checkHistory(Map<Integer, Row> applied) {
        Map<Integer, Migration> known = new HashMap<>();
        migrations.forEach(m -> known.put(m.version(), m));
        int current = 0;
        for (Row row : applied.values()) {
            int version = row.getInteger("version");
            current = Math.max(current, version);
            Migration m = known.get(version);
            if (m == null) {
                return Future.failedFuture(new MigrationException("the database schema has version " + version
                        + ", which this Entraide does not know: it was upgraded by a newer Entraide;"
                        + " run that version (or restore a backup)"));
            }
            if (!m.checksum().equals(row.getString("checksum"))) {
                return Future.failedFuture(new MigrationException("migration V" + pad(version) + "__" + m.name()
                        + " differs from the one applied to this database; the build is inconsistent"));
            }
        }
        for (Migration m : migrations) {
            if (m.version() < current && !applied.containsKey(m.version())) {
                return Future.failedFuture(new MigrationException("migration V" + pad(m.version()) + "__" + m.name()
                        + " was never applied, but the database already has later ones; the build is inconsistent"));
            }
        }
        return Future.succeededFuture(current);
    }

    private Future<Outcome> applyPending(SqlConnection tx, int from) {
        List<Migration> pending = migrations.stream().filter(m -> m.version() > from).toList();
        Future<Void> chain = Future.succeededFuture();
        for (Migration m : pending) {
            chain = chain.compose(v -> apply(tx, m));
        }
        int to = migrations.isEmpty() ? from : Math.max(from, migrations.get(migrations.size() - 1).version());
        return chain.map(v -> new Outcome(from, to, List.copyOf(pending)));
    }

    private static Future<Void> apply(SqlConnection tx, Migration m) {
        return tx.query(m.sql()).execute()
                .recover(e -> Future.failedFuture(new MigrationException("migration V" + pad(m.version()) + "__"
                        + m.name() + " failed: " + e.getMessage() + "; the database was left unchanged", e)))
                .compose(v -> tx.preparedQuery("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(m.version(), m.name(), m.checksum())))
                .mapEmpty();
    }

    private static String pad(int version) {
        return String.format("%04d", version);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** A migration could not be applied; the message is meant for the operator. */
    public static final class MigrationException extends RuntimeException {
        public MigrationException(String message) {
            super(message);
        }

        public MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
