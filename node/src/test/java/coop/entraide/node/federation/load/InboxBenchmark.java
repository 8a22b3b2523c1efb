package coop.entraide.node.federation.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.NodeProcess;
import coop.entraide.node.store.EmbeddedDatabase;
import coop.entraide.protocol.sig.HttpMessage;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Inbox: pre-signed {@code Create} activities from 100 remote actors (their keys already cached)
 * posted to the shared inbox at a fixed concurrency; each must be answered 202, which means stored
 * in {@code inbox_activities}. The node runs in its own JVM with the inbox rate limits off.
 *
 * <p>Opt-in, bounded, stops by itself:
 * {@code mvn -B -o -pl protocol,admin-ui,node -am test -Dtest=InboxBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dentraide.bench.inbox=true}. Optional: {@code -Dentraide.bench.requests=30000}, {@code -Dentraide.bench.warmup=30000}
 * (requests before the measured ones: on two cores the JIT compilers are still busy after a few
 * thousand, and a node runs for weeks), {@code -Dentraide.bench.concurrency=64},
 * {@code -Dentraide.bench.nodeJvm="..."} (a JFR recording, for instance),
 * {@code -Dentraide.bench.pgStatements=true} (PostgreSQL's statements and WAL while measured).
 */
@EnabledIfSystemProperty(named = "entraide.bench.inbox", matches = "true")
@Timeout(900)
class InboxBenchmark {
    private static final String DEFAULT_NODE_JVM = "-Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m";

    @Test
    void signedCreatesFromAHundredActorsAreAcceptedAndStored(@TempDir Path dir) throws Exception {
        int requests = Integer.getInteger("entraide.bench.requests", 30_000);
        int warmUp = Integer.getInteger("entraide.bench.warmup", 30_000);
        int concurrency = Integer.getInteger("entraide.bench.concurrency", 64);
        boolean pgStatements = Boolean.getBoolean("entraide.bench.pgStatements");
        List<String> nodeJvm = Arrays.asList(System.getProperty("entraide.bench.nodeJvm", DEFAULT_NODE_JVM).trim().split("\\s+"));

        Vertx vertx = Vertx.vertx();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("database"),
                pgStatements ? Map.of("shared_preload_libraries", "pg_stat_statements") : Map.of());
             NodeProcess node = NodeProcess.on(dir.resolve("node"), database.url(), nodeJvm,
                     List.of("--inbox-rate", "off", "--inbox-ip-rate", "off"));
             FollowerWorld world = FollowerWorld.create(database.url(), node.baseUrl())) {
            List<RemoteActor> actors = RemoteActor.many(100, 10);
            world.addActors(actors, RemoteActor::inbox);
            String inbox = node.baseUrl() + "/inbox";
            long signing = System.nanoTime();
            List<HttpMessage> all = IntStream.range(0, warmUp + requests).parallel()
                    .mapToObj(i -> actors.get(i % actors.size()).signedPost(inbox, actors.get(i % actors.size()).create(i)))
                    .toList();
            System.out.printf("signed %d requests in %d ms%n", all.size(), (System.nanoTime() - signing) / 1_000_000);
            node.start(Duration.ofSeconds(60));
            LoadDriver driver = new LoadDriver(vertx, "127.0.0.1", node.port(), concurrency);

            List<String> lines = new ArrayList<>();
            lines.add(String.format("node JVM: %s; %d actors on 10 servers; concurrency %d", String.join(" ", nodeJvm),
                    actors.size(), concurrency));
            LoadDriver.Report first = driver.run(all.subList(0, warmUp), Duration.ofSeconds(120));
            lines.add("warm-up: " + first.summary(202));
            if (pgStatements) {
                world.resetStatementStatistics();
            }
            long cpu = node.cpuMillis().orElse(0);
            long pg = NodeProcess.cpuMillisOfPostgres(dir.resolve("database")).orElse(0);
            long self = NodeProcess.cpuMillisOf(ProcessHandle.current().pid()).orElse(0);
            long doneBefore = world.inboxActivitiesDone();
            LoadDriver.Report report = driver.run(all.subList(warmUp, all.size()), Duration.ofSeconds(120));
            long doneWhileMeasured = world.inboxActivitiesDone() - doneBefore;
            lines.add("measured: " + report.summary(202));
            lines.add(String.format("CPU while measured: node %d ms, PostgreSQL %d ms, driver %d ms; node peak RSS (VmHWM) %d MiB",
                    node.cpuMillis().orElse(0) - cpu, NodeProcess.cpuMillisOfPostgres(dir.resolve("database")).orElse(0) - pg,
                    NodeProcess.cpuMillisOf(ProcessHandle.current().pid()).orElse(0) - self,
                    node.peakRssKib().orElse(-1) / 1024));
            // The node's CPU covers the worker too, which gets further through the backlog when it is cheaper.
            lines.add(String.format("activities the worker finished while measured: %d", doneWhileMeasured));
            if (pgStatements) {
                lines.addAll(world.statementReport(15));
            }
            long stored = world.inboxActivities();
            lines.add(String.format("rows in inbox_activities: %d (202 answers: %d)", stored, first.count(202) + report.count(202)));
            lines.forEach(System.out::println);
            Files.write(Path.of("target", "inbox-benchmark.txt"), lines);
            assertEquals(first.count(202) + report.count(202), stored);
            assertEquals(report.sent(), report.count(202), report.summary(202));
        } finally {
            vertx.close().await();
        }
    }
}
