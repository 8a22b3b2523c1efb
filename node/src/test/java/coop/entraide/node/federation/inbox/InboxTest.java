package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.TestNode;
import coop.entraide.node.federation.Federation;
import coop.entraide.node.federation.fetch.FetchRequest;
import coop.entraide.node.federation.fetch.FetchResult;
import coop.entraide.node.federation.policy.DomainName;
import coop.entraide.node.federation.policy.DomainPolicyEditor;
import coop.entraide.node.federation.policy.DomainPurges;
import coop.entraide.node.federation.policy.Policy;
import coop.entraide.node.federation.signing.LocalKey;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.Role;
import coop.entraide.protocol.keys.Pem;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox between two real nodes on loopback, each with its own embedded PostgreSQL, and a fake
 * Mastodon-like server whose actors the tests sign for. Node A receives; node B's member and the
 * fake server's actors send.
 */
class InboxTest {
    private static TestNode a;
    private static TestNode b;
    private static Vertx vertx;
    private static FakeServer remote;
    private static InboxClient inbox;
    private static String emile;
    private static LocalKey emileKey;

    @BeforeAll
    static void start() throws Exception {
        a = TestNode.start();
        b = TestNode.start();
        vertx = Vertx.vertx();
        remote = FakeServer.start(vertx, "127.0.0.2");
        inbox = new InboxClient(vertx, a.port());
        a.await(a.identity().createCollective(new IdentityService.NewCollective("capucins", "Les Capucins", "", false)));
        b.await(b.identity().createCollective(new IdentityService.NewCollective("croixrousse", "Croix-Rousse", "", false)));
        emile = b.await(b.identity().createMember(new IdentityService.NewMember("emile", "croixrousse", "Émile", "", Role.MEMBER, null))).actor().uri();
        emileKey = b.await(federation(b).signers().keys().forActor(emile));
        // Like GoToSocial: the fake server answers only GETs signed by node A's instance actor.
        String instance = a.base() + "/actor";
        String pem = a.await(a.node().context().pool().preparedQuery("SELECT public_key_pem FROM actors WHERE uri = $1")
                .execute(Tuple.of(instance))).iterator().next().getString("public_key_pem");
        remote.trust(instance + "#main-key", Pem.readPublicKey(pem));
    }

    @AfterAll
    static void stop() {
        remote.close();
        vertx.close();
        b.close();
        a.close();
    }

    static Federation federation(TestNode node) {
        return node.node().context().federation();
    }

    private static RowSet<Row> query(String sql, Object... params) {
        return a.await(a.node().context().pool().preparedQuery(sql).execute(Tuple.from(params)));
    }

    private static Optional<Row> stored(ObjectNode activity) {
        RowSet<Row> rows = query("SELECT * FROM inbox_activities WHERE activity_uri = $1", activity.get("id").textValue());
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }

    private static Row awaitState(ObjectNode activity, String state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Optional<Row> row = stored(activity);
            if (row.isPresent() && state.equals(row.get().getString("state"))) {
                return row.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(activity.get("id") + " never reached " + state + ": " + stored(activity).map(Row::toJson));
    }

    private static InboxClient.Response postAs(FakeActor actor, ObjectNode activity) {
        return inbox.post("/inbox", activity, actor.keyId(), actor.rsa.getPrivate());
    }

    // --- accepted ------------------------------------------------------------------------------

    @Test
    void aSignatureOverHostIsCheckedAgainstTheAuthorityOfAnHttp2Request() {
        // HTTP/2 has no Host field: the :authority pseudo-header carries it, and draft-cavage
        // signers still sign "host". The signature below covers host = localhost:port.
        InboxClient h2 = InboxClient.http2(vertx, a.port());
        ObjectNode create = InboxClient.create(emile);
        HttpMessage signed = InboxClient.cavage(h2.unsigned("/inbox", InboxClient.bytes(create)), emileKey.keyId(),
                emileKey.rsa(), Instant.now());
        assertTrue(signed.header("Signature").orElseThrow().contains("host"), "the signature covers host");

        InboxClient.Response response = h2.send(signed);

        assertEquals(io.vertx.core.http.HttpVersion.HTTP_2, response.version(), "the request went over HTTP/2");
        assertEquals(202, response.status(), response.body());
        assertEquals(emile, stored(create).orElseThrow().getString("actor_uri"));
    }

    @Test
    void anHttp2RequestSignedForAnotherHostIsRefused() {
        InboxClient h2 = InboxClient.http2(vertx, a.port());
        ObjectNode create = InboxClient.create(emile);
        HttpMessage unsigned = HttpMessage.request("POST", URI.create("http://elsewhere.example/inbox"),
                List.of(new HttpMessage.Header("Host", "elsewhere.example"),
                        new HttpMessage.Header("Content-Type", InboxClient.ACTIVITY_JSON)),
                InboxClient.bytes(create));
        HttpMessage signed = InboxClient.cavage(unsigned, emileKey.keyId(), emileKey.rsa(), Instant.now());

        InboxClient.Response response = h2.send(signed);

        assertEquals(401, response.status(), response.body());
        assertEquals("BAD_SIGNATURE", response.reason());
        assertTrue(stored(create).isEmpty());
    }

    @Test
    void aMemberOfAnotherNodeDeliversASignedActivity() {
        ObjectNode create = InboxClient.create(emile);
        InboxClient.Response response = inbox.post("/inbox", create, emileKey.keyId(), emileKey.rsa());

        assertEquals(202, response.status(), response.body());
        Row row = stored(create).orElseThrow();
        assertEquals(emile, row.getString("actor_uri"));
        assertEquals("Create", row.getString("type"));
        assertEquals("draft-cavage-12", row.getString("verified_by"));
        assertNull(row.getLong("inbox_owner_id"));
        Row actor = query("SELECT domain, username, fetched_at FROM actors WHERE uri = $1", emile).iterator().next();
        assertEquals(b.authority(), actor.getString("domain"));
        assertEquals("emile", actor.getString("username"));
    }

    @Test
    void theSameActivityTwiceIsStoredOnce() {
        ObjectNode create = InboxClient.create(emile);
        assertEquals(202, inbox.post("/inbox", create, emileKey.keyId(), emileKey.rsa()).status());
        assertEquals(202, inbox.post("/c/capucins/inbox", create, emileKey.keyId(), emileKey.rsa()).status());

        assertEquals(1, query("SELECT count(*) AS n FROM inbox_activities WHERE activity_uri = $1",
                create.get("id").textValue()).iterator().next().getLong("n"));
    }

    @Test
    void aPersonalInboxRecordsItsOwnerAndAnUnknownOneIsNotFound() {
        ObjectNode create = InboxClient.create(emile);
        assertEquals(202, inbox.post("/c/capucins/inbox", create, emileKey.keyId(), emileKey.rsa()).status());
        long owner = query("SELECT id FROM actors WHERE uri = $1", a.base() + "/c/capucins").iterator().next().getLong("id");
        assertEquals(owner, stored(create).orElseThrow().getLong("inbox_owner_id"));

        ObjectNode other = InboxClient.create(emile);
        assertEquals(404, inbox.post("/u/nobody/inbox", other, emileKey.keyId(), emileKey.rsa()).status());
        assertTrue(stored(other).isEmpty());
    }

    @Test
    void anRfc9421SignatureIsAcceptedAndTeachesWhichSchemeTheSenderTakes() {
        ObjectNode create = InboxClient.create(emile);
        HttpMessage signed = InboxClient.rfc9421(inbox.unsigned("/inbox", InboxClient.bytes(create)), emileKey.keyId(),
                emileKey.rsa(), Instant.now());

        InboxClient.Response response = inbox.send(signed);

        assertEquals(202, response.status(), response.body());
        assertEquals("rfc9421", stored(create).orElseThrow().getString("verified_by"));
        assertEquals(SignatureScheme.RFC_9421, federation(a).signers().schemeFor(b.authority()));
    }

    @Test
    void actorsAreFetchedWithGetsSignedByTheInstanceActor() {
        FakeActor fetched = remote.actor("fetched");
        assertEquals(202, postAs(fetched, InboxClient.create(fetched.id)).status());

        assertTrue(remote.verifiedGets() >= 1);
        assertTrue(remote.refusedGets().stream().noneMatch(u -> u.startsWith("/users/fetched")), remote.refusedGets().toString());
        // The fake server really refuses what is not signed by node A.
        FetchResult unsigned = b.await(federation(b).fetcher().fetch(FetchRequest.get(URI.create(fetched.id),
                "application/activity+json")));
        assertEquals(401, ((FetchResult.Received) unsigned).status());
        Row cached = query("SELECT summary, domain FROM actors WHERE uri = $1", fetched.id).iterator().next();
        assertEquals(remote.authority(), cached.getString("domain"));
        assertTrue(!cached.getString("summary").contains("<script"), cached.getString("summary"));
    }

    @Test
    void aRotatedKeyIsFetchedAgainOnce() {
        FakeActor rotating = remote.actor("rotating");
        assertEquals(202, postAs(rotating, InboxClient.create(rotating.id)).status());
        int fetches = remote.gets("/users/rotating");
        KeyPair old = rotating.rotate();

        InboxClient.Response withNewKey = postAs(rotating, InboxClient.create(rotating.id));

        assertEquals(202, withNewKey.status(), withNewKey.body());
        assertEquals(fetches + 1, remote.gets("/users/rotating"));
        InboxClient.Response withOldKey = inbox.post("/inbox", InboxClient.create(rotating.id), rotating.keyId(), old.getPrivate());
        assertEquals(401, withOldKey.status());
        assertEquals("BAD_SIGNATURE", withOldKey.reason());
    }

    @Test
    void anActivityForwardedWithAProofOfItsActorIsAccepted() {
        FakeActor author = remote.actor("author");
        ObjectNode create = InboxClient.create(author.id);
        ObjectNode proven = ObjectIntegrityProofs.create(create, author.proofKey(), author.multikeyId(), Instant.now());

        InboxClient.Response response = inbox.post("/inbox", proven, emileKey.keyId(), emileKey.rsa());

        assertEquals(202, response.status(), response.body());
        Row row = stored(proven).orElseThrow();
        assertEquals("fep-8b32", row.getString("verified_by"));
        assertEquals(author.id, row.getString("actor_uri"));
    }

    // --- refused -------------------------------------------------------------------------------

    @Test
    void anUnsignedRequestIsRefusedWithItsReason() {
        ObjectNode create = InboxClient.create(emile);
        InboxClient.Response response = inbox.send(inbox.unsigned("/inbox", InboxClient.bytes(create)));

        assertEquals(401, response.status());
        assertEquals("MISSING_SIGNATURE", response.reason());
        assertTrue(stored(create).isEmpty());
    }

    @Test
    void aTamperedBodyIsRefused() {
        ObjectNode create = InboxClient.create(emile);
        HttpMessage signed = InboxClient.cavage(inbox.unsigned("/inbox", InboxClient.bytes(create)), emileKey.keyId(),
                emileKey.rsa(), Instant.now());
        InboxClient.Response response = inbox.send(signed, tamper(signed.body()));

        assertEquals(401, response.status());
        assertEquals("BAD_DIGEST", response.reason());
    }

    @Test
    void anOldDateIsRefused() {
        ObjectNode create = InboxClient.create(emile);
        HttpMessage signed = InboxClient.cavage(inbox.unsigned("/inbox", InboxClient.bytes(create)), emileKey.keyId(),
                emileKey.rsa(), Instant.now().minus(Duration.ofHours(2)));

        InboxClient.Response response = inbox.send(signed);

        assertEquals(401, response.status());
        assertEquals("CLOCK_SKEW", response.reason());
    }

    @Test
    void aKeyOfAnotherActorWithoutProofIsRefused() {
        FakeActor victim = remote.actor("victim");
        InboxClient.Response response = inbox.post("/inbox", InboxClient.create(victim.id), emileKey.keyId(), emileKey.rsa());

        assertEquals(403, response.status());
        assertEquals("ACTOR_MISMATCH", response.reason());
    }

    @Test
    void aBlockedDomainIsRefusedBeforeAnythingElse() {
        FakeServer blocked = FakeServer.start(vertx, "127.0.0.5");
        try {
            FakeActor spammer = blocked.actor("spammer");
            a.await(new DomainPolicyEditor(a.node().context().pool(), DomainPurges.standard())
                    .set(((DomainName.Valid) DomainName.parse("127.0.0.5")).domain(), Policy.BLOCK, "", "", "test"));
            a.await(federation(a).policies().refresh());

            InboxClient.Response response = postAs(spammer, InboxClient.create(spammer.id));

            assertEquals(403, response.status());
            assertEquals(0, blocked.gets("/users/spammer"));
        } finally {
            blocked.close();
        }
    }

    @Test
    void malformedBodiesAreRefused() {
        String keyId = emileKey.keyId();
        assertEquals(413, signedRaw(new byte[InboxRoutes.MAX_BODY_BYTES + 1], keyId).status());
        InboxClient.Response notJson = signedRaw("{\"id\": ".getBytes(StandardCharsets.UTF_8), keyId);
        assertEquals(400, notJson.status());
        assertEquals("MALFORMED", notJson.reason());
        InboxClient.Response deep = signedRaw(("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}").getBytes(StandardCharsets.UTF_8), keyId);
        assertEquals(400, deep.status());
        assertEquals("TOO_DEEP", deep.reason());
        InboxClient.Response note = signedRaw("{\"id\":\"http://x.example/1\",\"type\":\"Note\"}".getBytes(StandardCharsets.UTF_8), keyId);
        assertEquals(400, note.status());
        assertEquals("NOT_AN_ACTIVITY", note.reason());
        InboxClient.Response local = inbox.post("/inbox", InboxClient.create(a.base() + "/u/someone"), keyId, emileKey.rsa());
        assertEquals(400, local.status());
        assertEquals("LOCAL_ACTOR", local.reason());
    }

    @Test
    void aBodyThatIsNotActivityJsonIsRefused() {
        HttpMessage form = HttpMessage.request("POST", URI.create("http://" + inbox.authority() + "/inbox"),
                List.of(new HttpMessage.Header("Content-Type", "application/x-www-form-urlencoded")),
                "a=b".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, inbox.send(form).status());
    }

    @Test
    void theServerClosesARefusedConnectionEvenIfTheClientWouldKeepIt() throws Exception {
        // A keep-alive client that ignores "Connection: close" and sends its body after the answer.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", a.port())) {
            socket.setSoTimeout(15_000);
            byte[] body = "a=b&c=d".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /inbox HTTP/1.1\r\nHost: " + inbox.authority() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 415"), head);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), head);
            out.write(body);
            out.flush();
            // Whatever is left of the answer, then the end of the stream: the server hung up.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int read = 0;
            while (read != -1 && System.nanoTime() < deadline) {
                read = in.read(new byte[4096]);
            }
            assertEquals(-1, read, "the server kept the refused connection open");
        }
    }

    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c == -1) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static byte[] tamper(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).replace("tomates", "tomatos").getBytes(StandardCharsets.UTF_8);
    }

    private InboxClient.Response signedRaw(byte[] body, String keyId) {
        return inbox.send(InboxClient.cavage(inbox.unsigned("/inbox", body), keyId, emileKey.rsa(), Instant.now()));
    }

    @Test
    void refusalsAreCountedPerServerAndReason() {
        FakeServer counted = FakeServer.start(vertx, "127.0.0.6");
        try {
            FakeActor sender = counted.actor("sender");
            for (int i = 0; i < 2; i++) {
                HttpMessage signed = InboxClient.cavage(inbox.unsigned("/inbox", InboxClient.bytes(InboxClient.create(sender.id))),
                        sender.keyId(), sender.rsa.getPrivate(), Instant.now());
                assertEquals(401, inbox.send(signed, tamper(signed.body())).status());
            }
            HttpMessage stale = InboxClient.cavage(inbox.unsigned("/inbox", InboxClient.bytes(InboxClient.create(sender.id))),
                    sender.keyId(), sender.rsa.getPrivate(), Instant.now().minus(Duration.ofDays(1)));
            assertEquals(401, inbox.send(stale).status());

            a.await(federation(a).inbox().rejections().flush());

            RowSet<Row> rows = query("SELECT reason, count FROM signature_rejections WHERE host = $1 ORDER BY reason",
                    counted.authority());
            Map<String, Long> counts = new TreeMap<>();
            rows.forEach(r -> counts.put(r.getString("reason"), r.getLong("count")));
            assertEquals(Map.of("BAD_DIGEST", 2L, "CLOCK_SKEW", 1L), counts);
        } finally {
            counted.close();
        }
    }

    // --- the worker and actors' own activities -------------------------------------------------

    @Test
    void unknownTypesAreStoredAndIgnored() throws Exception {
        ObjectNode listen = InboxClient.activity("Listen", emile, "https://music.example/tracks/1");
        assertEquals(202, inbox.post("/inbox", listen, emileKey.keyId(), emileKey.rsa()).status());

        Row row = awaitState(listen, "ignored");
        assertTrue(row.getString("error").contains("no handler"), row.getString("error"));
    }

    @Test
    void anActorDeletingItselfIsMarkedDeleted() throws Exception {
        FakeActor leaving = remote.actor("leaving");
        assertEquals(202, postAs(leaving, InboxClient.create(leaving.id)).status());
        remote.answer("/users/leaving", 410);

        ObjectNode delete = InboxClient.activity("Delete", leaving.id, leaving.id);
        assertEquals(202, postAs(leaving, delete).status());

        awaitState(delete, "processed");
        assertNotNull(query("SELECT deleted_at FROM actors WHERE uri = $1", leaving.id).iterator().next().getOffsetDateTime("deleted_at"));
    }

    @Test
    void aDeleteFromAGoneActorWeNeverKnewIsDropped() {
        FakeActor stranger = remote.actor("stranger");
        remote.answer("/users/stranger", 410);
        ObjectNode delete = InboxClient.activity("Delete", stranger.id, stranger.id);

        assertEquals(202, postAs(stranger, delete).status());
        assertTrue(stored(delete).isEmpty());
    }

    @Test
    void anActorUpdatingItselfRefreshesTheCache() throws Exception {
        FakeActor renamed = remote.actor("renamed");
        assertEquals(202, postAs(renamed, InboxClient.create(renamed.id)).status());
        renamed.displayName = "Renamed at last";
        ObjectNode update = InboxClient.activity("Update", renamed.id, renamed.id);
        update.set("object", renamed.document());

        assertEquals(202, postAs(renamed, update).status());

        awaitState(update, "processed");
        assertEquals("Renamed at last", query("SELECT display_name FROM actors WHERE uri = $1", renamed.id).iterator().next()
                .getString("display_name"));
    }
}
