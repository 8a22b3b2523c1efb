package coop.entraide.node.federation.policy;

import coop.entraide.node.Blocking;
import coop.entraide.node.store.Database;
import coop.entraide.node.store.EmbeddedDatabase;
import coop.entraide.node.store.Migrations;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for all the tests of this package (they share a JVM), handing out a
 * fresh database migrated with the real migration files to each test that asks.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres instance;

    private final EmbeddedDatabase postgres;
    private final Vertx vertx;
    private final Pool admin;

    private TestPostgres(EmbeddedDatabase postgres) {
        this.postgres = postgres;
        this.vertx = Vertx.vertx();
        this.admin = Database.pool(vertx, postgres.url(), 2);
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("entraide-policy-tests");
                instance = new TestPostgres(EmbeddedDatabase.start(dir));
                Runtime.getRuntime().addShutdownHook(new Thread(instance.postgres::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A new, empty, migrated database; its URL. */
    public URI freshDatabase() {
        String name = "policy_" + DATABASES.incrementAndGet();
        Blocking.await(admin.query("CREATE DATABASE " + name).execute(), 30, "create database");
        URI url = postgres.url().resolve("/" + name);
        Pool pool = Database.pool(vertx, url, 1);
        try {
            Blocking.await(Migrations.bundled().migrate(pool), 60, "migrate");
        } finally {
            Blocking.await(pool.close(), 10, "close");
        }
        return url;
    }
}
