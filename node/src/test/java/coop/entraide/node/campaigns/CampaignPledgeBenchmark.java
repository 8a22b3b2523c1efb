package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Pledges at a fixed rate on one campaign through the real HTTP API, on loopback: 200 per second
 * for 60 seconds by default. Then checks that no pledge was lost or doubled, that the totals equal
 * the ledger's sums, and prints the latency percentiles.
 *
 * <p>Run with {@code mvn -B -o -pl protocol,node -am verify -Dentraide.bench.campaigns=true
 * -Dtest=CampaignPledgeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; change the load with
 * {@code -Dentraide.bench.rate=200 -Dentraide.bench.seconds=60}. The driver is open-loop (a request
 * is started every 1/rate second whatever the answers), bounded to 2,000 requests in flight, and
 * stops by itself.
 */
@EnabledIfSystemProperty(named = "entraide.bench.campaigns", matches = "true")
class CampaignPledgeBenchmark {
    private static final int MAX_IN_FLIGHT = 2000;

    private record Answer(int status, long nanos, String amount, String problem) {
    }

    @Test
    void pledgesAtAFixedRate() throws Exception {
        int rate = Integer.getInteger("entraide.bench.rate", 200);
        int seconds = Integer.getInteger("entraide.bench.seconds", 60);
        int total = rate * seconds;
        try (CampaignWorld world = new CampaignWorld()) {
            long id = world.openCampaign(CampaignWorld.campaignBody("Benchmark").put("goal", "10000000"));
            String token = world.token("bruno");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String uri = world.node.base().replace("localhost", "127.0.0.1") + "/api/v1/campaigns/" + id + "/pledges";
            // Warm up the JIT and the connection pool so that the first second does not count them.
            for (int i = 0; i < 200; i++) {
                send(client, uri, token, "1.00").join();
            }
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
            AtomicInteger skipped = new AtomicInteger();
            AtomicInteger started = new AtomicInteger();
            List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            long periodNanos = 1_000_000_000L / rate;
            long t0 = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> {
                int n = started.getAndIncrement();
                if (n >= total) {
                    return;
                }
                if (!inFlight.tryAcquire()) {
                    skipped.incrementAndGet();
                    return;
                }
                String amount = (1 + n % 50) + "." + String.format("%02d", n % 100);
                long begin = System.nanoTime();
                pending.add(send(client, uri, token, amount).whenComplete((r, e) -> {
                    answers.add(new Answer(r == null ? -1 : r.statusCode(), System.nanoTime() - begin, amount,
                            r == null ? String.valueOf(e) : r.statusCode() == 201 ? null : r.body()));
                    inFlight.release();
                }));
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (started.get() < total) {
                Thread.sleep(100);
            }
            ticker.shutdown();
            long sendSeconds = (System.nanoTime() - t0) / 1_000_000;
            for (CompletableFuture<?> f : new ArrayList<>(pending)) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // counted as a failed answer below
                }
            }
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

            List<Long> latencies = new ArrayList<>();
            BigDecimal expected = new BigDecimal("200.00");
            int ok = 0;
            for (Answer a : answers) {
                if (a.status() == 201) {
                    ok++;
                    latencies.add(a.nanos());
                    expected = expected.add(new BigDecimal(a.amount()));
                }
            }
            Collections.sort(latencies);
            java.util.Map<String, Long> failures = new java.util.TreeMap<>();
            answers.stream().filter(a -> a.status() != 201).forEach(a -> failures.merge(a.status() + " "
                    + String.valueOf(a.problem()).replaceAll("[0-9a-f-]{36}", "<id>"), 1L, Long::sum));
            long rows = world.count("SELECT count(*) FROM pledges WHERE campaign_id = $1", id);
            Row ledger = world.node.await(world.node.node().context().pool().preparedQuery("""
                            SELECT coalesce(sum(e.amount) FILTER (WHERE e.kind = 'pledge_promised'), 0) AS promised,
                                   count(*) FILTER (WHERE e.kind = 'pledge_promised') AS entries
                            FROM ledger_entries e JOIN pledges p ON e.subject_kind = 'pledge' AND e.subject_id = p.id
                            WHERE p.campaign_id = $1""").execute(Tuple.of(id))).iterator().next();
            JsonObject progress = new JsonObject(world.get(null, "/api/v1/campaigns/" + id + "/progress").body());
            BigDecimal reported = new BigDecimal(progress.getJsonObject("promised").getString("amount"));

            System.out.printf("%n## campaign pledge benchmark%n");
            System.out.printf("target %d pledges/s for %d s (%d pledges), sent in %d ms, all answered after %d ms%n",
                    rate, seconds, total, sendSeconds, elapsedMs);
            System.out.printf("answers: %d created, %d other, %d not sent (over %d in flight)%n", ok,
                    answers.size() - ok, skipped.get(), MAX_IN_FLIGHT);
            failures.forEach((what, n) -> System.out.printf("  %d x %s%n", n, what));
            System.out.printf("achieved: %.1f pledges/s%n", ok * 1000.0 / elapsedMs);
            System.out.printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", pct(latencies, 50),
                    pct(latencies, 90), pct(latencies, 99), pct(latencies, 99.9), pct(latencies, 100));
            System.out.printf("rows: %d pledges, %d promise entries; sum of 201 answers %s, ledger %s, API %s%n",
                    rows, ledger.getLong("entries"), expected.toPlainString(), ledger.getBigDecimal("promised").toPlainString(),
                    reported.toPlainString());

            assertEquals(answers.size() - ok, 0, "every pledge answered 201");
            assertEquals(ok + 200, rows, "no pledge lost or doubled");
            assertEquals(rows, ledger.getLong("entries"));
            assertEquals(0, expected.compareTo(ledger.getBigDecimal("promised")), "ledger sum = sum of accepted pledges");
            assertEquals(0, expected.compareTo(reported), "API totals = ledger sum");
            assertTrue(skipped.get() == 0, "the node kept up without " + MAX_IN_FLIGHT + " requests in flight");
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient client, String uri, String token, String amount) {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"amount\":\"" + amount + "\",\"tip\":\"0.50\"}")).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
