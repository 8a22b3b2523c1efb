package coop.entraide.node.federation.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.NodeProcess;
import coop.entraide.node.store.EmbeddedDatabase;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fan-out: one activity to 10,000 followers spread over 1,000 servers, through the real PostgreSQL
 * delivery queue. A member posts through the API; the collective announces the post to its
 * followers, one request per server's shared inbox. The node runs in its own JVM (its memory is read
 * from {@code /proc}); the 1,000 servers are one sink in this JVM, each on its own loopback port,
 * verifying every signature with the protocol's verifier.
 *
 * <p>Opt-in, bounded, stops by itself:
 * {@code mvn -B -o -pl protocol,admin-ui,node -am test -Dtest=FanOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dentraide.bench.fanout=true}. Optional: {@code -Dentraide.bench.runs=5}, {@code -Dentraide.bench.servers=1000},
 * {@code -Dentraide.bench.followers=10}, {@code -Dentraide.bench.nodeJvm="-Xmx128m ..."}.
 */
@EnabledIfSystemProperty(named = "entraide.bench.fanout", matches = "true")
@Timeout(600)
class FanOutBenchmark {
    private static final String DEFAULT_NODE_JVM = "-Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m";

    @Test
    void oneActivityToTenThousandFollowersOnAThousandServers(@TempDir Path dir) throws Exception {
        int runs = Integer.getInteger("entraide.bench.runs", 5);
        int servers = Integer.getInteger("entraide.bench.servers", 1000);
        int perServer = Integer.getInteger("entraide.bench.followers", 10);
        List<String> nodeJvm = Arrays.asList(System.getProperty("entraide.bench.nodeJvm", DEFAULT_NODE_JVM).trim().split("\\s+"));

        Vertx vertx = Vertx.vertx();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("database"));
             VerifyingSink sink = VerifyingSink.start(vertx, servers);
             NodeProcess node = NodeProcess.on(dir.resolve("node"), database.url(), nodeJvm, List.of());
             FollowerWorld world = FollowerWorld.create(database.url(), node.baseUrl())) {
            sink.trust(world.collectiveKeyId(), world.collectiveKey());
            world.addFollowers(sink.authorities(), perServer, true);
            node.start(Duration.ofSeconds(60));
            long idleRss = node.rssKib().orElse(-1);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = FollowerWorld.signIn(http, node.baseUrl());

            List<String> lines = new ArrayList<>();
            lines.add(String.format("node JVM: %s; %d servers x %d followers = %d followers, %d requests per activity",
                    String.join(" ", nodeJvm), servers, perServer, servers * perServer, servers));
            lines.add("run | POST answered | first delivery | last delivery | all recorded | deliveries/s | node CPU | sink CPU | node RSS");
            long self = ProcessHandle.current().pid();
            for (int run = 1; run <= runs; run++) {
                int before = sink.distinct();
                long nodeCpu = node.cpuMillis().orElse(0);
                long sinkCpu = NodeProcess.cpuMillisOf(self).orElse(0);
                long started = System.nanoTime();
                HttpResponse<String> posted = FollowerWorld.post(http, node.baseUrl(), token, "Braderie n° " + run + ", place Colbert");
                long answered = System.nanoTime();
                assertEquals(201, posted.statusCode(), posted.body());
                waitUntil(() -> sink.distinct() >= before + servers, Duration.ofSeconds(120));
                long last = sink.latestArrival();
                long first = firstArrivalAfter(sink, started);
                waitUntil(() -> world.jobs("delivered") >= (long) servers * (before / servers + 1), Duration.ofSeconds(120));
                long recorded = System.nanoTime();
                lines.add(String.format("%d | %d ms | %d ms | %d ms | %d ms | %.0f | %d ms | %d ms | %d MiB",
                        run, ms(answered - started), ms(first - started), ms(last - started), ms(recorded - started),
                        servers / ((last - started) / 1e9), node.cpuMillis().orElse(0) - nodeCpu,
                        NodeProcess.cpuMillisOf(self).orElse(0) - sinkCpu, node.rssKib().orElse(-1) / 1024));
                assertEquals(0, sink.refused(), sink.lastRefusal());
                Thread.sleep(1000);
            }
            lines.add(String.format("node RSS idle after start: %d MiB; peak RSS (VmHWM): %d MiB; signatures verified: %d, refused: %d, repeats: %d",
                    idleRss / 1024, node.peakRssKib().orElse(-1) / 1024, sink.requests() - sink.refused(), sink.refused(),
                    sink.repeats()));
            if (nodeJvm.stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))) {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(node.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
                lines.add(new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            lines.forEach(System.out::println);
            Files.write(Path.of("target", "fanout-benchmark.txt"), lines);
        } finally {
            vertx.close().await();
        }
    }

    private static long firstArrivalAfter(VerifyingSink sink, long started) {
        return sink.arrivalsAfter(started).stream().mapToLong(Long::longValue).min().orElse(started);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + within);
            }
            Thread.sleep(2);
        }
    }
}
