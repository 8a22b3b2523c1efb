package coop.entraide.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations against a real PostgreSQL: one fresh database per test, in one embedded cluster. */
class MigrationsTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static EmbeddedDatabase postgres;
    static Vertx vertx;
    static Pool admin;

    private final List<Pool> pools = new ArrayList<>();
    private URI url;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedDatabase.start(dataDir);
        vertx = Vertx.vertx();
        admin = Database.pool(vertx, postgres.url(), 2);
    }

    @AfterAll
    static void stopPostgres() {
        Blocking.await(admin.close(), 10, "close");
        Blocking.await(vertx.close(), 10, "close");
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() {
        String name = "migrations_" + DATABASES.incrementAndGet();
        await(admin.query("CREATE DATABASE " + name).execute());
        url = postgres.url().resolve("/" + name);
    }

    @AfterEach
    void closePools() {
        pools.forEach(Pool::close);
    }

    private Pool pool() {
        Pool p = Database.pool(vertx, url, 4);
        pools.add(p);
        return p;
    }

    private static <T> T await(Future<T> f) {
        return Blocking.await(f, 60, "test step");
    }

    private boolean tableExists(Pool pool, String table) {
        Row row = await(pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present")
                .execute(io.vertx.sqlclient.Tuple.of(table))).iterator().next();
        return row.getBoolean("present");
    }

    private List<Integer> recordedVersions(Pool pool) {
        List<Integer> versions = new ArrayList<>();
        await(pool.query("SELECT version FROM schema_migrations ORDER BY version").execute())
                .forEach(r -> versions.add(r.getInteger(0)));
        return versions;
    }

    @Test
    void theBundledMigrationsApplyOnceAndAreRecorded() {
        Pool pool = pool();
        Migrations bundled = Migrations.bundled();
        Migrations.Outcome first = await(bundled.migrate(pool));
        assertEquals(0, first.fromVersion());
        assertEquals(bundled.all().get(bundled.all().size() - 1).version(), first.toVersion());
        assertEquals(bundled.all().size(), first.applied().size());
        Migrations.Outcome second = await(bundled.migrate(pool));
        assertTrue(second.applied().isEmpty());
        assertEquals(bundled.all().size(), recordedVersions(pool).size());
    }

    @Test
    void aNodeStartedOnAnOlderDatabaseUpgradesIt() {
        Pool pool = pool();
        Migrations good = Migrations.fromClasspath("db/migration-good");
        await(new Migrations(good.all().subList(0, 1)).migrate(pool));
        assertTrue(tableExists(pool, "alpha"));
        assertFalse(tableExists(pool, "beta"));

        Migrations.Outcome upgrade = await(good.migrate(pool));
        assertEquals(1, upgrade.fromVersion());
        assertEquals(2, upgrade.toVersion());
        assertEquals(List.of("beta"), upgrade.applied().stream().map(Migrations.Migration::name).toList());
        assertTrue(tableExists(pool, "beta"));
        assertEquals(List.of(1, 2), recordedVersions(pool));
    }

    @Test
    void aFailedMigrationLeavesTheDatabaseAsItWas() {
        Pool pool = pool();
        Migrations broken = Migrations.fromClasspath("db/migration-broken");
        Migrations.MigrationException e = assertThrows(Migrations.MigrationException.class,
                () -> await(broken.migrate(pool)));
        assertTrue(e.getMessage().contains("V0002__gamma_fails"), e.getMessage());
        assertTrue(e.getMessage().contains("left unchanged"), e.getMessage());
        assertFalse(tableExists(pool, "alpha"), "V0001 ran in the same transaction and must be rolled back");
        assertFalse(tableExists(pool, "gamma"));
        assertFalse(tableExists(pool, "schema_migrations"));
    }

    @Test
    void aFailedUpgradeKeepsTheEarlierVersionIntact() {
        Pool pool = pool();
        Migrations broken = Migrations.fromClasspath("db/migration-broken");
        await(new Migrations(broken.all().subList(0, 1)).migrate(pool));
        assertThrows(Migrations.MigrationException.class, () -> await(broken.migrate(pool)));
        assertEquals(List.of(1), recordedVersions(pool));
        assertEquals(0L, (long) await(pool.query("SELECT count(*) FROM alpha").execute()).iterator().next().getLong(0),
                "the failed file's insert must be rolled back");
    }

    @Test
    void aChangedMigrationFileStopsTheNode() {
        Pool pool = pool();
        Migrations good = Migrations.fromClasspath("db/migration-good");
        await(good.migrate(pool));
        Migrations.Migration original = good.all().get(0);
        Migrations tampered = new Migrations(List.of(
                new Migrations.Migration(1, original.name(), original.sql() + "\n-- edited", "other-checksum"),
                good.all().get(1)));
        Migrations.MigrationException e = assertThrows(Migrations.MigrationException.class,
                () -> await(tampered.migrate(pool)));
        assertTrue(e.getMessage().contains("V0001__alpha differs"), e.getMessage());
    }

    @Test
    void aDatabaseFromANewerVersionStopsTheNode() {
        Pool pool = pool();
        Migrations good = Migrations.fromClasspath("db/migration-good");
        await(good.migrate(pool));
        Migrations older = new Migrations(good.all().subList(0, 1));
        Migrations.MigrationException e = assertThrows(Migrations.MigrationException.class,
                () -> await(older.migrate(pool)));
        assertTrue(e.getMessage().contains("newer Entraide"), e.getMessage());
    }

    @Test
    void versionsMayLeaveGapsButNeverGoBack() {
        Pool pool = pool();
        Migrations good = Migrations.fromClasspath("db/migration-good");
        Migrations.Migration alpha = good.all().get(0);
        Migrations.Migration beta = good.all().get(1);
        Migrations.Migration betaAsFive = new Migrations.Migration(5, beta.name(), beta.sql(), beta.checksum());
        Migrations.Outcome gap = await(new Migrations(List.of(alpha, betaAsFive)).migrate(pool));
        assertEquals(5, gap.toVersion());
        assertEquals(List.of(1, 5), recordedVersions(pool));

        Migrations.Migration late = new Migrations.Migration(3, "late", "CREATE TABLE late (id integer)", "late");
        Migrations.MigrationException e = assertThrows(Migrations.MigrationException.class,
                () -> await(new Migrations(List.of(alpha, late, betaAsFive)).migrate(pool)));
        assertTrue(e.getMessage().contains("V0003__late was never applied"), e.getMessage());
        assertFalse(tableExists(pool, "late"));
    }

    @Test
    void twoProcessesStartingTogetherMigrateOnce() {
        Pool a = pool();
        Pool b = pool();
        Migrations good = Migrations.fromClasspath("db/migration-good");
        List<Migrations.Outcome> outcomes = await(Future.all(good.migrate(a), good.migrate(b))).list();
        int applied = outcomes.stream().mapToInt(o -> o.applied().size()).sum();
        assertEquals(2, applied, "each migration is applied by exactly one of the two");
        assertEquals(List.of(1, 2), recordedVersions(a));
    }
}
