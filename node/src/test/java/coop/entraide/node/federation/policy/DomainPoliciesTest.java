package coop.entraide.node.federation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.federation.policy.Decision.Verdict;
import coop.entraide.node.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies stored in a real PostgreSQL, seen by the processes that share it, and purges on block. */
class DomainPoliciesTest {
    private static final Duration POLL = Duration.ofMillis(100);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private Vertx vertx;
    private URI url;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        url = TestPostgres.get().freshDatabase();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        Blocking.await(vertx.close(), 10, "close");
    }

    private Pool pool() {
        Pool p = Database.pool(vertx, url, 2);
        closing.add(() -> Blocking.await(p.close(), 10, "close pool"));
        return p;
    }

    private DomainPolicies policies(Pool pool) {
        DomainPolicies p = await(DomainPolicies.start(vertx, pool, POLL));
        closing.add(p);
        return p;
    }

    private static <T> T await(Future<T> f) {
        return Blocking.await(f, 30, "test step");
    }

    private static DomainName domain(String text) {
        return DomainNameTest.valid(text);
    }

    /** Waits for a condition that another process makes true within the poll interval. */
    private static long millisUntil(java.util.function.BooleanSupplier condition, long limitMillis) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed > limitMillis) {
                return -1;
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aChangeIsSeenAtOnceByTheProcessThatRefreshes() {
        Pool pool = pool();
        DomainPolicies policies = policies(pool);
        DomainPolicyEditor editor = new DomainPolicyEditor(pool, new DomainPurges(List.of()));
        assertEquals(Verdict.ACCEPT, policies.decide("spam.example").verdict());

        await(editor.set(domain("Spam.Example"), Policy.BLOCK, "spam waves", "reports 12-14", "alice"));
        assertEquals(Verdict.ACCEPT, policies.decide("spam.example").verdict(), "not refreshed yet");
        await(policies.refresh());
        assertEquals(Verdict.REJECT, policies.decide("www.spam.example").verdict());
        assertEquals(Verdict.REJECT, policies.decide("spam.example").verdict(), "decided anew with the new policies");

        await(editor.setMode(FederationMode.ALLOWLIST));
        await(policies.refresh());
        assertEquals(FederationMode.ALLOWLIST, policies.mode());
        assertEquals(Verdict.REJECT, policies.decide("friends.example").verdict());
        await(editor.set(domain("friends.example"), Policy.ALLOW, null, null, "alice"));
        await(policies.refresh());
        assertEquals(Verdict.ACCEPT, policies.decide("friends.example").verdict());

        assertTrue(await(editor.remove(domain("spam.example"))).isPresent());
        assertFalse(await(editor.remove(domain("spam.example"))).isPresent(), "already gone");
        await(editor.setMode(FederationMode.OPEN));
        await(policies.refresh());
        assertEquals(Verdict.ACCEPT, policies.decide("spam.example").verdict());
    }

    @Test
    void aBlockMadeByOneProcessReachesAnotherWithinThePollInterval() throws Exception {
        DomainPolicies first = policies(pool());
        Pool otherPool = pool();
        DomainPolicies second = policies(otherPool);
        DomainPolicyEditor secondEditor = new DomainPolicyEditor(otherPool, DomainPurges.standard());
        long before = first.snapshot().version();

        await(secondEditor.set(domain("spam.example"), Policy.BLOCK, null, null, "bob"));
        long took = millisUntil(() -> first.decide("spam.example").rejected(), 2_000);
        assertTrue(took >= 0, "the first process never saw the block");
        assertTrue(took <= POLL.toMillis() * 10, "took " + took + " ms, poll interval " + POLL.toMillis() + " ms");
        assertTrue(first.snapshot().version() > before);

        await(secondEditor.setMode(FederationMode.ALLOWLIST));
        assertTrue(millisUntil(() -> first.mode() == FederationMode.ALLOWLIST, 2_000) >= 0, "mode change not seen");
    }

    @Test
    void aChangeMadeByHandInTheDatabaseIsAlsoSeen() throws Exception {
        Pool pool = pool();
        DomainPolicies policies = policies(pool);
        await(pool.query("INSERT INTO domain_policies (domain, policy, created_by) VALUES ('hand.example', 'silence', 'psql')").execute());
        assertTrue(millisUntil(() -> policies.decide("hand.example").verdict() == Verdict.SILENCE, 2_000) >= 0);
        await(pool.query("TRUNCATE domain_policies").execute());
        assertTrue(millisUntil(() -> policies.decide("hand.example").verdict() == Verdict.ACCEPT, 2_000) >= 0);
    }

    @Test
    void theLastPoliciesStayInForceWhileTheDatabaseIsUnreachable() throws Exception {
        Pool pool = pool();
        DomainPolicies policies = policies(pool);
        await(new DomainPolicyEditor(pool, DomainPurges.standard()).set(domain("spam.example"), Policy.BLOCK, null, null, "a"));
        await(policies.refresh());
        await(pool.close());
        Thread.sleep(POLL.toMillis() * 3);
        assertTrue(policies.decide("spam.example").rejected());
        assertThrows(RuntimeException.class, () -> await(policies.refresh()));
        assertTrue(policies.decide("spam.example").rejected());
    }

    @Test
    void storesCommentsAuthorAndTimes() {
        Pool pool = pool();
        DomainPolicyEditor editor = new DomainPolicyEditor(pool, DomainPurges.standard());
        DomainPolicyEditor.Change created = await(editor.set(domain("spam.example"), Policy.SILENCE, "ads", "ticket 7", "alice"));
        assertTrue(created.created());
        DomainPolicyEditor.Change changed = await(editor.set(domain("spam.example"), Policy.BLOCK, null, null, "bob"));
        assertEquals(Optional.of(Policy.SILENCE), changed.previous());
        DomainPolicy stored = await(editor.find(domain("SPAM.example"))).orElseThrow();
        assertEquals(Policy.BLOCK, stored.policy());
        assertEquals("ads", stored.publicComment(), "a change without a comment keeps the comment");
        assertEquals("ticket 7", stored.privateNote());
        assertEquals("alice", stored.createdBy(), "the author of the first decision stays");
        assertFalse(stored.updatedAt().isBefore(stored.createdAt()));
        await(editor.set(domain("spam.example"), Policy.BLOCK, "", null, "bob"));
        assertEquals("", await(editor.find(domain("spam.example"))).orElseThrow().publicComment(), "an empty comment clears it");
        assertEquals(List.of("spam.example"), await(editor.list()).stream().map(p -> p.domain().value()).toList());
    }

    /** A purge that records its calls, as a capability's would delete its rows. */
    static final class RecordingPurge implements DomainPurge {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Future<Long> purge(SqlClient tx, DomainName domain) {
            calls.add(domain.value());
            return Future.succeededFuture(3L);
        }
    }

    @Test
    void blockingRunsEveryRegisteredPurgeAndNothingElseDoes() {
        Pool pool = pool();
        await(pool.query("""
                CREATE TABLE remote_things (id serial PRIMARY KEY, host text NOT NULL);
                INSERT INTO remote_things (host) VALUES
                    ('spam.example'), ('eu.spam.example'), ('notspam.example'), ('friends.example')""").execute());
        RecordingPurge recording = new RecordingPurge();
        DomainPolicyEditor editor = new DomainPolicyEditor(pool, new DomainPurges(List.of(
                new LoggingPurge(), recording, new HostColumnPurge("remote_things", "host"))));

        await(editor.set(domain("spam.example"), Policy.SILENCE, null, null, "a"));
        await(editor.set(domain("friends.example"), Policy.ALLOW, null, null, "a"));
        assertEquals(List.of(), recording.calls, "only a block purges");

        DomainPolicyEditor.Change block = await(editor.set(domain("spam.example"), Policy.BLOCK, null, null, "a"));
        assertEquals(List.of("spam.example"), recording.calls);
        assertEquals(Map.of("log", 0L, "recording", 3L, "remote_things", 2L), block.purged().removed());
        assertEquals(5L, block.purged().total());
        List<String> left = new ArrayList<>();
        await(pool.query("SELECT host FROM remote_things ORDER BY host").execute()).forEach(r -> left.add(r.getString(0)));
        assertEquals(List.of("friends.example", "notspam.example"), left, "the domain and its subdomains are purged");
    }

    @Test
    void aFailingPurgeLeavesTheDomainUnblocked() {
        Pool pool = pool();
        DomainPurge broken = new DomainPurge() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Future<Long> purge(SqlClient tx, DomainName domain) {
                return tx.query("DELETE FROM no_such_table").execute().map(r -> 0L);
            }
        };
        DomainPolicyEditor editor = new DomainPolicyEditor(pool, new DomainPurges(List.of(broken)));
        assertThrows(RuntimeException.class, () -> await(editor.set(domain("spam.example"), Policy.BLOCK, null, null, "a")));
        assertEquals(Optional.empty(), await(editor.find(domain("spam.example"))), "blocked and purged, or neither");
    }

    @Test
    void purgesOnlyAcceptPlainIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> new HostColumnPurge("actors; DROP TABLE x", "host"));
        assertThrows(IllegalArgumentException.class, () -> new HostColumnPurge("actors", "Host"));
    }
}
