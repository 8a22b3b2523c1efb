package coop.entraide.node.federation.delivery;

import coop.entraide.node.Blocking;
import coop.entraide.node.MutableClock;
import coop.entraide.node.federation.fetch.AddressPolicy;
import coop.entraide.node.federation.fetch.FetchLimits;
import coop.entraide.node.federation.fetch.HostResolver;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.node.store.Storage;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test of the delivery queue stands on: its own Vert.x, a migrated pool with empty queue
 * tables, a clock moved by hand from {@link #START}, and inbox servers, fetchers and workers on
 * loopback that are all stopped after the test, newest first. A test class holds one in an instance
 * {@code @RegisterExtension} field; the poll interval is the one setting the classes differ in.
 */
final class DeliveryRig implements BeforeEachCallback, AfterEachCallback {
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    private final Duration pollInterval;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Vertx vertx;
    private Pool pool;
    private MutableClock clock;
    private DeliverySettings settings;

    DeliveryRig(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        vertx = Vertx.vertx();
        pool = Storage.openMigrated(vertx, TestDatabase.url(), 8);
        closeAfter(() -> Blocking.await(pool.close(), 10, "closing the pool"));
        Blocking.await(pool.query("TRUNCATE delivery_jobs, outgoing_activities, instances").execute(), 10, "truncate");
        clock = new MutableClock(START);
        settings = DeliverySettings.DEFAULT
                .withPollInterval(pollInterval)
                .withSchedule(new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), 0, Duration.ofDays(7)))
                .withFetchLimits(new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20), 64 * 1024, 3));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        toClose.clear();
        Blocking.await(vertx.close(), 20, "closing vert.x");
    }

    Vertx vertx() {
        return vertx;
    }

    Pool pool() {
        return pool;
    }

    MutableClock clock() {
        return clock;
    }

    DeliverySettings settings() {
        return settings;
    }

    /** Stopped after the test, before everything opened earlier. */
    void closeAfter(AutoCloseable resource) {
        toClose.add(resource);
    }

    Sink sink() {
        Sink s = new Sink(vertx);
        closeAfter(s);
        return s;
    }

    SafeFetcher fetcher(Vertx on) {
        InetAddress loopback;
        try {
            loopback = InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        // Tests can only reach loopback: open exactly 127.0.0.1, keep every other private address shut.
        SafeFetcher f = new SafeFetcher(on, new SafeFetcher.Settings(
                AddressPolicy.publicAnd(Set.of(loopback)), HostResolver.system(on), 4, "EntraideTest"));
        closeAfter(f);
        return f;
    }

    /** A worker fed by {@code from}, deployed on {@code on} and undeployed after the test. */
    DeliveryWorker worker(Vertx on, Pool using, DeliveryQueue from, DeliverySettings with, ActorSigners signers) {
        DeliveryWorker w = new DeliveryWorker(using, from, fetcher(on), signers, with, clock);
        String id = Blocking.await(on.deployVerticle(w), 10, "deploying a worker");
        closeAfter(() -> Blocking.await(on.undeploy(id), 20, "stopping a worker"));
        return w;
    }

    /** The one job queued for {@code inbox}. */
    Row job(URI inbox) {
        return Blocking.await(pool.preparedQuery("SELECT * FROM delivery_jobs WHERE inbox = $1").execute(Tuple.of(inbox.toString())),
                10, "job").iterator().next();
    }

    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            pause(20);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
