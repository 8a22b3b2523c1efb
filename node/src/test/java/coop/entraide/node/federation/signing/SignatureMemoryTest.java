package coop.entraide.node.federation.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.MutableClock;
import coop.entraide.node.federation.delivery.TestDatabase;
import coop.entraide.node.store.Storage;
import coop.entraide.protocol.sig.Ed25519HostFact.Refused;
import coop.entraide.protocol.sig.Ed25519HostFact.Verifies;
import coop.entraide.protocol.sig.Ed25519Hosts;
import coop.entraide.protocol.sig.Ed25519Hosts.Ed25519Request;
import coop.entraide.protocol.sig.Ed25519Hosts.Learnt;
import coop.entraide.protocol.sig.NegotiatingSigner;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import coop.entraide.protocol.sig.rfc9421.ComponentIdentifier;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the signers learn of other servers, kept in {@code signature_hosts}: each "process" here is
 * one pair of memories and its {@link SignatureMemory}, on one real database. Timers are slow, so
 * that each test writes and reads when it says so ({@link SignatureMemory#sync}).
 */
class SignatureMemoryTest {
    /** What an Entraide inbox answers. */
    private static final List<String> ENTRAIDE = List.of(
            "ed25519=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"ed25519\";created, "
                    + "rsa=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"rsa-v1_5-sha256\";created");
    private static final List<String> RSA_ONLY = List.of("sig1=(\"@method\" \"@target-uri\");alg=\"rsa-v1_5-sha256\"");
    private static final Ed25519Request ENTRAIDE_REQUEST = new Ed25519Request("ed25519",
            List.of(ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST));
    private static final SignatureMemory.Settings BY_HAND = new SignatureMemory.Settings(Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofHours(1), 100);

    private static Vertx vertx;
    private static Pool pool;
    private static CavageSigner cavage;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07Z"));
    private final List<Process> started = new ArrayList<>();

    /** One node process's memories of other servers, kept by its own {@link SignatureMemory}. */
    private record Process(Ed25519Hosts hosts, NegotiatingSigner schemes, SignatureMemory memory) {
        void sync() {
            Blocking.await(memory.sync(true), 10, "syncing");
        }
    }

    @BeforeAll
    static void open() throws Exception {
        vertx = Vertx.vertx();
        pool = Storage.openMigrated(vertx, TestDatabase.url(), 4);
        cavage = CavageSigner.hs2019("https://entraide.example/actor#main-key",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
    }

    @AfterAll
    static void close() {
        Blocking.await(pool.close(), 10, "closing the pool");
        Blocking.await(vertx.close(), 10, "closing Vert.x");
    }

    @BeforeEach
    void emptyTable() {
        sql("DELETE FROM signature_hosts");
    }

    @AfterEach
    void stopProcesses() {
        started.forEach(p -> p.memory().close());
    }

    private Process process(SignatureMemory.Settings settings) {
        SignatureMemory memory = new SignatureMemory(vertx, pool, settings);
        Ed25519Hosts hosts = new Ed25519Hosts(clock, Ed25519Hosts.DEFAULT_REFUSAL_MEMORY, 100, memory::ed25519Changed);
        NegotiatingSigner schemes = new NegotiatingSigner(cavage, clock, unsigned -> unsigned,
                SignatureScheme.DRAFT_CAVAGE_12, 100, memory::schemesChanged);
        Blocking.await(memory.attach(hosts, schemes), 10, "loading");
        Process p = new Process(hosts, schemes, memory);
        started.add(p);
        return p;
    }

    private Process process() {
        return process(BY_HAND);
    }

    @Test
    void aLearntServerIsWrittenOnceAndKnownAtOnceByTheNextRun() {
        Process first = process();
        first.hosts().learn("peer.example", ENTRAIDE);
        first.sync();
        long change = row("peer.example").getLong("change");

        first.hosts().learn("peer.example", ENTRAIDE);
        first.hosts().heardFrom("peer.example");
        first.sync();
        assertEquals(change, row("peer.example").getLong("change"), "answers that repeat what is known write nothing");
        first.memory().close();

        Process next = process();
        assertEquals(Optional.of(ENTRAIDE_REQUEST), next.hosts().requestFor("peer.example"));
    }

    @Test
    void whatIsLeftUnwrittenIsWrittenOnStopping() {
        Process first = process();
        first.hosts().heardFrom("peer.example");
        first.schemes().recordSuccess("peer.example", SignatureScheme.RFC_9421);

        first.memory().close();

        Process next = process();
        assertEquals(Optional.of(new Ed25519Request("sig1", List.of())), next.hosts().requestFor("peer.example"));
        assertEquals(SignatureScheme.RFC_9421, next.schemes().firstChoice("peer.example"));
    }

    @Test
    void aRefusalSurvivesARestartAndIsForgottenAtItsTime() {
        Process first = process();
        first.hosts().learn("peer.example", ENTRAIDE);
        first.hosts().refused("peer.example");
        Instant until = clock.instant().plus(Ed25519Hosts.DEFAULT_REFUSAL_MEMORY);
        first.memory().close();

        Process next = process();
        assertEquals(Optional.of(new Refused("peer.example", until)), next.hosts().factAbout("peer.example"));
        assertEquals(Learnt.DISBELIEVED, next.hosts().learn("peer.example", ENTRAIDE));

        clock.advance(Ed25519Hosts.DEFAULT_REFUSAL_MEMORY);
        assertEquals(Optional.empty(), next.hosts().factAbout("peer.example"));
        Process afterExpiry = process();
        assertEquals(Optional.empty(), afterExpiry.hosts().factAbout("peer.example"));
        assertEquals(Learnt.ED25519, afterExpiry.hosts().learn("peer.example", ENTRAIDE));
    }

    @Test
    void aRefusalReachesTheDatabaseWithinAFlushInterval() throws InterruptedException {
        Process running = process(new SignatureMemory.Settings(Duration.ofMillis(50), Duration.ofHours(1),
                Duration.ofHours(1), 100));

        running.hosts().refused("peer.example");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rows("peer.example").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("refused", row("peer.example").getString("ed25519"));
        assertEquals(0, running.memory().unwritten());
    }

    @Test
    void twoProcessesShareWhatEachLearns() {
        Process one = process();
        Process two = process();

        one.hosts().learn("peer.example", ENTRAIDE);
        one.schemes().recordSuccess("peer.example", SignatureScheme.RFC_9421);
        one.sync();
        two.sync();
        assertEquals(Optional.of(ENTRAIDE_REQUEST), two.hosts().requestFor("peer.example"));
        assertEquals(SignatureScheme.RFC_9421, two.schemes().firstChoice("peer.example"));

        two.hosts().refused("peer.example");
        two.sync();
        one.sync();
        assertEquals(Optional.empty(), one.hosts().requestFor("peer.example"));
        assertEquals(Learnt.DISBELIEVED, one.hosts().learn("peer.example", ENTRAIDE));
        assertEquals(SignatureScheme.RFC_9421, one.schemes().firstChoice("peer.example"), "the scheme stays");
    }

    @Test
    void aServerForgottenByOneProcessIsForgottenByTheOther() {
        Process one = process();
        Process two = process();
        one.hosts().learn("peer.example", ENTRAIDE);
        one.sync();
        two.sync();

        one.hosts().learn("peer.example", RSA_ONLY);
        one.sync();
        two.sync();

        assertEquals(Optional.empty(), two.hosts().requestFor("peer.example"));
        assertEquals("forgotten", row("peer.example").getString("ed25519"));
    }

    @Test
    void aProcessDoesNotTakeBackAnOlderRowOverWhatItHasNotWrittenYet() {
        Process one = process();
        Process two = process();
        one.hosts().learn("peer.example", ENTRAIDE);
        one.sync();

        two.hosts().refused("peer.example");
        two.sync();

        assertEquals("refused", row("peer.example").getString("ed25519"));
        assertTrue(two.hosts().factAbout("peer.example").orElseThrow() instanceof Refused);
    }

    @Test
    void garbledRowsAreIgnoredAndTheRestIsLoaded() {
        insert("label.example", "verifies", "Not A Key", "@method", null, null, null);
        insert("component.example", "verifies", "sig1", "@method date", null, null, null);
        insert("nocomponents.example", "verifies", "sig1", null, null, null, null);
        insert("standing.example", "maybe", null, null, null, null, null);
        insert("refusal.example", "refused", null, null, null, null, null);
        insert("scheme.example", null, null, null, null, "rfc9999", null);
        insert("rejected.example", null, null, null, null, "none", "rfc9421 carrier-pigeon");
        insert("good.example", "verifies", "ed25519", "@method  @target-uri content-digest", null, "rfc9421", "");

        Process p = process();

        assertEquals(Optional.of(ENTRAIDE_REQUEST), p.hosts().requestFor("good.example"));
        assertEquals(SignatureScheme.RFC_9421, p.schemes().firstChoice("good.example"));
        assertEquals(1, p.hosts().size());
        assertEquals(1, p.schemes().rememberedHosts());
    }

    @Test
    void aGarbledRowWrittenMeanwhileIsIgnoredAndSyncingGoesOn() {
        Process p = process();
        p.hosts().learn("peer.example", ENTRAIDE);
        p.sync();

        insert("peer.example2", "verifies", "sig1", "@status", null, null, null);
        sql("UPDATE signature_hosts SET ed25519_label = '', written_by = 'another', change = nextval('signature_hosts_change')"
                + " WHERE host = 'peer.example'");
        p.sync();

        assertEquals(Optional.of(ENTRAIDE_REQUEST), p.hosts().requestFor("peer.example"), "what was known stays");
        assertEquals(Optional.empty(), p.hosts().requestFor("peer.example2"));
        p.hosts().heardFrom("other.example");
        p.sync();
        assertEquals("verifies", row("other.example").getString("ed25519"));
    }

    @Test
    void theTableIsCutBackToItsCapacityAndForgettingsGoAfterADay() {
        for (int i = 0; i < 5; i++) {
            insert("peer" + i + ".example", "verifies", "sig1", "@method", null, null, null);
        }
        insert("old.example", "forgotten", null, null, null, "none", "");
        sql("UPDATE signature_hosts SET changed_at = now() - interval '2 days' WHERE host = 'old.example'");
        insert("recent.example", "forgotten", null, null, null, null, null);

        Process p = process(new SignatureMemory.Settings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), 5));

        assertEquals(5, count());
        assertTrue(rows("old.example").isEmpty());
        assertTrue(rows("peer0.example").isEmpty(), "the least recently changed goes first");
        assertEquals(4, p.hosts().size());
        assertEquals(Optional.of(new Verifies("peer4.example", new Ed25519Request("sig1", List.of(ComponentIdentifier.METHOD)))),
                p.hosts().factAbout("peer4.example"));
    }

    private static void insert(String host, String ed25519, String label, String components, Instant refusedUntil,
                               String accepted, String rejected) {
        Blocking.await(pool.preparedQuery("""
                        INSERT INTO signature_hosts (host, ed25519, ed25519_label, ed25519_components, ed25519_refused_until,
                                                     scheme_accepted, schemes_rejected, written_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'another')""")
                .execute(Tuple.tuple().addString(host).addString(ed25519).addString(label).addString(components)
                        .addOffsetDateTime(refusedUntil == null ? null : refusedUntil.atOffset(java.time.ZoneOffset.UTC))
                        .addString(accepted).addString(rejected)), 10, "inserting");
    }

    private static void sql(String statement) {
        Blocking.await(pool.query(statement).execute(), 10, statement);
    }

    private static List<Row> rows(String host) {
        List<Row> out = new ArrayList<>();
        Blocking.await(pool.preparedQuery("SELECT * FROM signature_hosts WHERE host = $1").execute(Tuple.of(host)), 10, "reading")
                .forEach(out::add);
        return out;
    }

    private static Row row(String host) {
        List<Row> found = rows(host);
        assertEquals(1, found.size(), "one row for " + host);
        return found.get(0);
    }

    private static long count() {
        return Blocking.await(pool.query("SELECT count(*) AS n FROM signature_hosts").execute(), 10, "counting")
                .iterator().next().getLong("n");
    }
}
