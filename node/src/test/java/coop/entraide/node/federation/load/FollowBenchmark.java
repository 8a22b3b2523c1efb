package coop.entraide.node.federation.load;

import coop.entraide.node.NodeProcess;
import coop.entraide.node.store.EmbeddedDatabase;
import coop.entraide.protocol.sig.HttpMessage;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Follow intake: {@code Follow}s of a collective from many remote actors (keys cached), posted to
 * the collective's inbox; the node records each follow and delivers an {@code Accept} to the
 * follower's own inbox. Measured end to end, from the first Follow sent to the last Accept
 * received, at the remote servers (a sink in this JVM that verifies every signature). The node
 * runs in its own JVM with the inbox rate limits off.
 *
 * <p>Opt-in, bounded, stops by itself:
 * {@code mvn -B -o -pl protocol,admin-ui,node -am test -Dtest=FollowBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dentraide.bench.follow=true}. Optional: {@code -Dentraide.bench.follows=4000} (measured),
 * {@code -Dentraide.bench.warmup=30000} (follows before the measured ones: on two cores the JIT compilers
 * are still at work after 12,000, and a node runs for weeks), {@code -Dentraide.bench.concurrency=32}, {@code -Dentraide.bench.statements=true} (loads
 * {@code pg_stat_statements} and lists the statements of the measured phase by time spent),
 * {@code -Dentraide.bench.peers=entraide} (the remote servers are Entraide-like: their actors have an
 * Ed25519 Multikey and sign their Follows with RFC 9421 {@code ed25519}, and their inboxes answer
 * with {@code Accept-Signature} and verify Ed25519; the default, {@code mastodon}, is RSA and
 * draft-cavage throughout).
 */
@EnabledIfSystemProperty(named = "entraide.bench.follow", matches = "true")
@Timeout(900)
class FollowBenchmark {
    private static final String DEFAULT_NODE_JVM = "-Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m";
    private static final int SERVERS = 100;

    @Test
    void followsAreAcceptedAndTheirAcceptsDelivered(@TempDir Path dir) throws Exception {
        int follows = Integer.getInteger("entraide.bench.follows", 4000);
        int warmUp = Integer.getInteger("entraide.bench.warmup", 30_000);
        int concurrency = Integer.getInteger("entraide.bench.concurrency", 32);
        List<String> nodeJvm = Arrays.asList(System.getProperty("entraide.bench.nodeJvm", DEFAULT_NODE_JVM).trim().split("\\s+"));
        int perServer = (warmUp + follows + SERVERS - 1) / SERVERS;
        boolean statements = Boolean.getBoolean("entraide.bench.statements");
        boolean entraidePeers = "entraide".equals(System.getProperty("entraide.bench.peers", "mastodon"));

        Vertx vertx = Vertx.vertx();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("database"),
                statements ? Map.of("shared_preload_libraries", "pg_stat_statements") : Map.of());
             VerifyingSink sink = VerifyingSink.start(vertx, SERVERS);
             NodeProcess node = NodeProcess.on(dir.resolve("node"), database.url(), nodeJvm,
                     List.of("--inbox-rate", "off", "--inbox-ip-rate", "off"));
             FollowerWorld world = FollowerWorld.create(database.url(), node.baseUrl())) {
            sink.trust(world.collectiveKeyId(), world.collectiveKey());
            if (entraidePeers) {
                sink.asEntraide().trust(world.collectiveMultikeyId(), world.collectiveEd25519Key());
            }
            List<KeyPair> keys = RemoteActor.keys(20);
            List<RemoteActor> actors = RemoteActor.on(sink.authorities(), perServer, keys,
                    entraidePeers ? RemoteActor.ed25519Keys(20) : List.of());
            world.addActors(actors, RemoteActor::inbox);
            String inbox = node.baseUrl() + "/c/" + FollowerWorld.COLLECTIVE + "/inbox";
            List<HttpMessage> all = actors.parallelStream().map(a -> a.signedPost(inbox, a.follow(world.collectiveUri(), 1))).toList();
            node.start(Duration.ofSeconds(60));
            LoadDriver driver = new LoadDriver(vertx, "127.0.0.1", node.port(), concurrency);

            List<String> lines = new ArrayList<>();
            lines.add(String.format("node JVM: %s; %d actors on %d servers (%s-like); concurrency %d; synchronous_commit %s",
                    String.join(" ", nodeJvm), actors.size(), SERVERS, entraidePeers ? "Entraide" : "Mastodon", concurrency,
                    world.setting("synchronous_commit")));
            lines.add("warm-up: " + phase(driver, sink, world, all.subList(0, warmUp), node, dir));
            if (statements) {
                world.resetStatements();
            }
            lines.add("measured: " + phase(driver, sink, world, all.subList(warmUp, warmUp + follows), node, dir));
            if (statements) {
                lines.add("statements of the measured phase, by time spent:");
                lines.addAll(world.topStatements(30));
            }
            lines.add(String.format("node peak RSS (VmHWM) %d MiB; signatures verified at the sink %d (draft-cavage %d, RFC 9421 %d, of which ed25519 %d), "
                            + "refused %d, repeats %d; connections opened to the sink %d",
                    node.peakRssKib().orElse(-1) / 1024, sink.requests() - sink.refused(), sink.verifiedCavage(),
                    sink.verifiedRfc9421(), sink.verifiedEd25519(), sink.refused(), sink.repeats(), sink.connections()));
            lines.forEach(System.out::println);
            Files.write(Path.of("target", "follow-benchmark.txt"), lines);
            if (sink.refused() > 0) {
                throw new AssertionError("the sink refused " + sink.refused() + ": " + sink.lastRefusal());
            }
        } finally {
            vertx.close().await();
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")).subList(0, 3));
        } catch (Exception e) {
            return "?";
        }
    }

    private static String phase(LoadDriver driver, VerifyingSink sink, FollowerWorld world, List<HttpMessage> follows,
                                NodeProcess node, Path dir) throws InterruptedException {
        int before = sink.distinct();
        long cpu = node.cpuMillis().orElse(0);
        long pg = NodeProcess.cpuMillisOfPostgres(dir.resolve("database")).orElse(0);
        long self = NodeProcess.cpuMillisOf(ProcessHandle.current().pid()).orElse(0);
        long commits = world.commits();
        long lastFollow = world.lastFollowId();
        long started = System.nanoTime();
        LoadDriver.Report report = driver.run(follows, Duration.ofSeconds(180));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        // When the inbox worker had recorded them all (looked at every 200 ms: each look reads the
        // phase's follows, PostgreSQL work that is not the node's), to tell its share of the time
        // from the delivery's.
        long recorded = 0;
        long nextLook = 0;
        while (sink.distinct() < before + report.count(202) && System.nanoTime() < deadline) {
            if (recorded == 0 && System.nanoTime() >= nextLook) {
                if (world.followsOfCollectiveAfter(lastFollow, follows.size(), "accepted") >= report.count(202)) {
                    recorded = System.nanoTime();
                }
                nextLook = System.nanoTime() + 200_000_000L;
            }
            Thread.sleep(5);
        }
        long last = sink.latestArrival();
        int accepts = sink.distinct() - before;
        double seconds = (last - started) / 1e9;
        return String.format("%d Follows posted: %s%n  all recorded %s s after the first Follow; "
                        + "%d Accepts delivered, the last %.2f s after the first Follow: %.0f follows/s end to end; "
                        + "CPU node %d ms, PostgreSQL %d ms, driver and sink %d ms; accepted follows in the database: %d; "
                        + "about %d commits; load average %s",
                follows.size(), report.summary(202), recorded == 0 ? "?" : String.format("%.2f", (recorded - started) / 1e9),
                accepts, seconds, accepts / seconds,
                node.cpuMillis().orElse(0) - cpu, NodeProcess.cpuMillisOfPostgres(dir.resolve("database")).orElse(0) - pg,
                NodeProcess.cpuMillisOf(ProcessHandle.current().pid()).orElse(0) - self, world.followsOfCollective("accepted"),
                world.commits() - commits, loadAverage());
    }
}
