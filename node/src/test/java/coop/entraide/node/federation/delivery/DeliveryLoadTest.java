package coop.entraide.node.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.Blocking;
import coop.entraide.node.federation.fetch.AddressPolicy;
import coop.entraide.node.federation.fetch.FetchLimits;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.node.store.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * One activity to 10,000 followers on 1,000 servers. The servers are names under .test that all
 * resolve to one loopback sink, so each is a distinct server for the queue and the connection pool.
 * Run with {@code -Dentraide.load=true}; it prints the time from enqueue to the last delivery.
 */
@EnabledIfSystemProperty(named = "entraide.load", matches = "true")
class DeliveryLoadTest {

    @Test
    void fansOutToAThousandServers() throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = Storage.openMigrated(vertx, TestDatabase.url(), 8);
        Sink sink = new Sink(vertx);
        try {
            Blocking.await(pool.query("TRUNCATE delivery_jobs, outgoing_activities, instances").execute(), 10, "truncate");
            int port = sink.inbox("/").getPort();
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            SafeFetcher fetcher = new SafeFetcher(vertx, new SafeFetcher.Settings(AddressPolicy.publicAnd(Set.of(loopback)),
                    host -> Future.succeededFuture(List.of(loopback)), 4, "EntraideLoad"));
            DeliverySettings settings = DeliverySettings.DEFAULT.withPollInterval(Duration.ofMillis(20))
                    .withFetchLimits(new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20), 64 * 1024, 0));
            MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
            DeliveryQueue queue = new DeliveryQueue(clock, settings);
            List<Recipient> followers = new ArrayList<>();
            for (int s = 0; s < 1000; s++) {
                for (int f = 0; f < 10; f++) {
                    followers.add(Recipient.of(URI.create("http://s" + s + ".test:" + port + "/users/u" + f + "/inbox"),
                            URI.create("http://s" + s + ".test:" + port + "/inbox")));
                }
            }
            byte[] body = "{\"type\":\"Create\",\"id\":\"https://node.example/a/load\"}".getBytes(StandardCharsets.UTF_8);
            DeliveryWorker worker = new DeliveryWorker(pool, queue, fetcher, ActorSigners.UNSIGNED, settings, clock);
            Blocking.await(vertx.deployVerticle(worker), 10, "deploy");

            long started = System.nanoTime();
            Blocking.await(pool.withTransaction(tx -> queue.enqueue(tx, new OutgoingActivity("https://node.example/a/load",
                    "https://node.example/actors/coop", body), followers)), 30, "enqueue");
            long enqueued = System.nanoTime();
            worker.wake();
            while (sink.count() < 1000) {
                Thread.sleep(5);
            }
            long sent = System.nanoTime();
            while (Blocking.await(queue.stats(pool), 10, "stats").delivered() < 1000) {
                Thread.sleep(5);
            }
            long recorded = System.nanoTime();
            System.out.printf("enqueue %d ms, all 1000 requests received %d ms, all recorded %d ms after start%n",
                    (enqueued - started) / 1_000_000, (sent - started) / 1_000_000, (recorded - started) / 1_000_000);
            assertEquals(1000, sink.count());
        } finally {
            sink.close();
            Blocking.await(pool.close(), 10, "pool");
            Blocking.await(vertx.close(), 20, "vertx");
        }
    }
}
