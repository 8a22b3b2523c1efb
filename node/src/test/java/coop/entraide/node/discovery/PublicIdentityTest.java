package coop.entraide.node.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.ActorKeyRepository;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.KeyMaterial;
import coop.entraide.protocol.keys.Multikey;
import coop.entraide.protocol.keys.Pem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What other servers and browsers see of a node: WebFinger, host-meta, NodeInfo and actor documents. */
class PublicIdentityTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String AS = "application/activity+json";
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        node.await(node.identity().createCollective(
                new NewCollective("jardin", "Jardin <partagé>", "Légumes & fruits\n\nLe samedi", true)));
        node.await(node.identity().createMember(
                new NewMember("alice", "jardin", "Alice", null, Role.ADMIN, "correct horse battery")));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> webfinger(String resource) {
        return node.get("/.well-known/webfinger?resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8));
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    private static String selfLink(JsonObject jrd) {
        for (Object o : jrd.getJsonArray("links")) {
            JsonObject link = (JsonObject) o;
            if ("self".equals(link.getString("rel"))) {
                assertEquals(AS, link.getString("type"));
                return link.getString("href");
            }
        }
        throw new AssertionError("no self link in " + jrd);
    }

    // ---- WebFinger ----------------------------------------------------------------------------

    @Test
    void webfingerFindsAMemberByAcct() {
        HttpResponse<String> r = webfinger("acct:alice@" + node.authority());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/jrd+json"));
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        JsonObject jrd = json(r);
        assertEquals("acct:alice@" + node.authority(), jrd.getString("subject"));
        assertEquals(node.base() + "/u/alice", selfLink(jrd));
        assertTrue(jrd.getJsonArray("aliases").contains(node.base() + "/u/alice"));
        assertTrue(r.body().contains("http://webfinger.net/rel/profile-page"));
    }

    @Test
    void webfingerIgnoresCaseAndAcceptsAnActorId() {
        JsonObject byAcct = json(webfinger("acct:JARDIN@" + node.authority().toUpperCase()));
        assertEquals("acct:jardin@" + node.authority(), byAcct.getString("subject"));
        JsonObject byId = json(webfinger(node.base() + "/c/jardin"));
        assertEquals("acct:jardin@" + node.authority(), byId.getString("subject"));
        assertEquals(node.base() + "/c/jardin", selfLink(byId));
    }

    @Test
    void webfingerFindsTheInstanceActorByTheBaseUrl() {
        for (String resource : List.of(node.base() + "/", node.base(), node.base() + "/actor")) {
            HttpResponse<String> r = webfinger(resource);
            assertEquals(200, r.statusCode(), resource);
            assertEquals(node.base() + "/actor", selfLink(json(r)));
        }
        JsonObject byAcct = json(webfinger("acct:" + node.authority() + "@" + node.authority()));
        assertEquals(node.base() + "/actor", selfLink(byAcct));
    }

    @Test
    void webfingerRelParameterFiltersLinks() {
        JsonObject jrd = json(node.get("/.well-known/webfinger?rel=self&resource="
                + URLEncoder.encode("acct:alice@" + node.authority(), StandardCharsets.UTF_8)));
        assertEquals(1, jrd.getJsonArray("links").size());
    }

    @Test
    void webfingerRejectsMalformedResources() {
        for (String path : List.of("/.well-known/webfinger", "/.well-known/webfinger?resource=",
                "/.well-known/webfinger?resource=mailto%3Aalice%40x.example",
                "/.well-known/webfinger?resource=acct%3Aalice",
                "/.well-known/webfinger?resource=a&resource=b")) {
            HttpResponse<String> r = node.get(path);
            assertEquals(400, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path);
            assertEquals(400, json(r).getInteger("status"));
        }
    }

    @Test
    void webfingerAnswers404ForUnknownOrForeignResources() {
        for (String resource : List.of("acct:nobody@" + node.authority(), "acct:alice@elsewhere.example",
                node.base() + "/u/nobody", node.base() + "/c/alice", "https://elsewhere.example/u/alice",
                node.base() + "/about")) {
            HttpResponse<String> r = webfinger(resource);
            assertEquals(404, r.statusCode(), resource);
            assertEquals("Not found", json(r).getString("title"));
        }
    }

    @Test
    void concurrentCreationsOfOneNameLetExactlyOneWin() {
        var first = node.identity().createCollective(new NewCollective("course", null, null, false));
        var second = node.identity().createCollective(new NewCollective("course", null, null, false));
        node.await(io.vertx.core.Future.join(first, second).otherwiseEmpty());
        assertEquals(1, (first.succeeded() ? 1 : 0) + (second.succeeded() ? 1 : 0));
        Throwable loser = first.succeeded() ? second.cause() : first.cause();
        assertTrue(loser instanceof coop.entraide.node.store.AlreadyExistsException, String.valueOf(loser));
    }

    // ---- host-meta and NodeInfo ---------------------------------------------------------------

    @Test
    void hostMetaPointsToWebfinger() {
        HttpResponse<String> xml = node.get("/.well-known/host-meta");
        assertEquals(200, xml.statusCode());
        assertTrue(xml.headers().firstValue("Content-Type").orElse("").startsWith("application/xrd+xml"));
        assertTrue(xml.body().contains("template=\"" + node.base() + "/.well-known/webfinger?resource={uri}\""), xml.body());
        JsonObject json = json(node.get("/.well-known/host-meta.json"));
        assertEquals(node.base() + "/.well-known/webfinger?resource={uri}",
                json.getJsonArray("links").getJsonObject(0).getString("template"));
    }

    @Test
    void nodeinfoDiscoveryLinksBothVersionsAndTheInstanceActor() {
        JsonArray links = json(node.get("/.well-known/nodeinfo")).getJsonArray("links");
        List<String> hrefs = new ArrayList<>();
        links.forEach(l -> hrefs.add(((JsonObject) l).getString("href")));
        assertTrue(hrefs.contains(node.base() + "/nodeinfo/2.1"), hrefs.toString());
        assertTrue(hrefs.contains(node.base() + "/nodeinfo/2.0"), hrefs.toString());
        assertTrue(hrefs.contains(node.base() + "/actor"), hrefs.toString());
        for (String version : List.of("2.0", "2.1")) {
            HttpResponse<String> r = node.get("/nodeinfo/" + version);
            assertTrue(r.headers().firstValue("Content-Type").orElse("")
                    .contains("profile=\"http://nodeinfo.diaspora.software/ns/schema/" + version + "#\""));
            JsonObject doc = json(r);
            assertEquals(version, doc.getString("version"));
            assertEquals("entraide", doc.getJsonObject("software").getString("name"));
            assertEquals(new JsonArray().add("activitypub"), doc.getJsonArray("protocols"));
            assertFalse(doc.getBoolean("openRegistrations"));
            assertEquals(node.authority(), doc.getJsonObject("metadata").getString("nodeName"));
            assertNotNull(doc.getJsonObject("usage").getJsonObject("users").getLong("total"));
            assertEquals(0L, doc.getJsonObject("usage").getLong("localPosts"));
        }
    }

    private static JsonObject users() {
        return json(node.get("/nodeinfo/2.1")).getJsonObject("usage").getJsonObject("users");
    }

    @Test
    void nodeinfoCountsMembersAndTheirActivity() {
        JsonObject before = users();
        node.await(node.identity().createMember(
                new NewMember("counted", "jardin", null, null, Role.MEMBER, "counted password")));
        JsonObject created = users();
        assertEquals(before.getLong("total") + 1, created.getLong("total"));
        assertEquals(before.getLong("activeMonth"), created.getLong("activeMonth"), "not active before signing in");

        HttpResponse<String> signIn = node.send(node.request("/api/v1/sessions")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"counted\",\"password\":\"counted password\"}")));
        assertEquals(201, signIn.statusCode(), signIn.body());
        JsonObject active = users();
        assertEquals(before.getLong("activeMonth") + 1, active.getLong("activeMonth"));
        assertEquals(before.getLong("activeHalfyear") + 1, active.getLong("activeHalfyear"));

        node.await(node.identity().setSuspended("counted", true));
        assertEquals(before.getLong("total"), users().getLong("total"), "suspended members are not counted");
    }

    // ---- actor documents ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "application/activity+json",
            "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
            "application/ld+json",
            "application/json"})
    void memberDocumentForEachActivityStreamsAccept(String accept) throws Exception {
        HttpResponse<String> r = node.get("/u/alice", "Accept", accept);
        assertEquals(200, r.statusCode());
        String expectedType = accept.startsWith("application/ld+json") ? "application/ld+json" : accept;
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(expectedType),
                r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().allValues("Vary").contains("Accept"));
        JsonObject doc = json(r);
        String id = node.base() + "/u/alice";
        assertEquals("https://www.w3.org/ns/activitystreams", doc.getJsonArray("@context").getString(0));
        assertEquals(id, doc.getString("id"));
        assertEquals("Person", doc.getString("type"));
        assertEquals("alice", doc.getString("preferredUsername"));
        assertEquals("Alice", doc.getString("name"));
        assertEquals(id + "/inbox", doc.getString("inbox"));
        assertEquals(id + "/outbox", doc.getString("outbox"));
        assertEquals(id + "/followers", doc.getString("followers"));
        assertEquals(id + "/following", doc.getString("following"));
        assertEquals(node.base() + "/inbox", doc.getJsonObject("endpoints").getString("sharedInbox"));
        assertFalse(doc.getBoolean("manuallyApprovesFollowers"));
        assertTrue(doc.getString("published").matches("\\d{4}-\\d\\d-\\d\\dT00:00:00Z"));

        JsonObject publicKey = doc.getJsonObject("publicKey");
        assertEquals(id + "#main-key", publicKey.getString("id"));
        assertEquals(id, publicKey.getString("owner"));
        PublicKey rsa = Pem.readPublicKey(publicKey.getString("publicKeyPem"));
        assertEquals(2048, ((RSAPublicKey) rsa).getModulus().bitLength());

        JsonObject multikey = doc.getJsonArray("assertionMethod").getJsonObject(0);
        assertEquals(id + "#ed25519-key", multikey.getString("id"));
        assertEquals("Multikey", multikey.getString("type"));
        assertEquals(id, multikey.getString("controller"));
        assertTrue(multikey.getString("publicKeyMultibase").startsWith("z6Mk"));
        EdECPublicKey ed = Multikey.decodeEd25519PublicKey(multikey.getString("publicKeyMultibase"));
        assertNotNull(ed);
    }

    @Test
    void publishedKeysAreTheHalvesOfTheStoredPrivateKeys() throws Exception {
        JsonObject doc = json(node.get("/u/alice", "Accept", AS));
        long actorId = node.await(node.identity().member("alice")).id();
        ActorKeyRepository.PrivateKeys keys = node.await(new ActorKeyRepository().forActor(node.node().context().pool(), actorId)).orElseThrow();
        new KeyMaterial(KeyAlgorithm.RSA_2048, doc.getJsonObject("publicKey").getString("publicKeyPem"), keys.rsaPrivateKeyPem())
                .toKeyPair();
        String edPem = Pem.write(Multikey.decodeEd25519PublicKey(
                doc.getJsonArray("assertionMethod").getJsonObject(0).getString("publicKeyMultibase")));
        new KeyMaterial(KeyAlgorithm.ED25519, edPem, keys.ed25519PrivateKeyPem()).toKeyPair();
    }

    @Test
    void collectiveIsAGroupThatHidesItsMembers() {
        JsonObject doc = json(node.get("/c/jardin", "Accept", AS));
        assertEquals("Group", doc.getString("type"));
        assertEquals("Jardin <partagé>", doc.getString("name"));
        assertEquals("<p>Légumes &amp; fruits</p><p>Le samedi</p>", doc.getString("summary"));
        assertTrue(doc.getBoolean("manuallyApprovesFollowers"));
        assertFalse(doc.containsKey("members"));
        assertFalse(doc.encode().contains("alice"), "no member is named in the collective's document");
    }

    @Test
    void instanceActorIsAnApplication() {
        JsonObject doc = json(node.get("/actor", "Accept", AS));
        assertEquals("Application", doc.getString("type"));
        assertEquals(node.base() + "/actor", doc.getString("id"));
        assertEquals(node.authority(), doc.getString("preferredUsername"));
        assertEquals(node.base() + "/actor#main-key", doc.getJsonObject("publicKey").getString("id"));
    }

    @Test
    void browsersGetAnEscapedHtmlPage() {
        HttpResponse<String> r = node.get("/c/jardin", "Accept", BROWSER);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.headers().allValues("Vary").contains("Accept"));
        assertTrue(r.body().contains("<html lang=\"en\">"));
        assertTrue(r.body().contains("<h1>Jardin &lt;partagé&gt;</h1>"), r.body());
        assertFalse(r.body().contains("<partagé>"));
        assertFalse(r.body().contains("<script"));
        assertFalse(r.body().contains("src=\"http"), "no external assets");
    }

    @Test
    void unservableAcceptIs406() {
        HttpResponse<String> r = node.get("/u/alice", "Accept", "image/png");
        assertEquals(406, r.statusCode());
        assertTrue(r.headers().allValues("Vary").contains("Accept"));
        assertEquals(406, json(r).getInteger("status"));
    }

    @Test
    void unknownActorsAre404() {
        for (String path : List.of("/u/nobody", "/c/alice", "/u/jardin", "/u/Not-Valid", "/c/nobody/outbox", "/u/alice/likes")) {
            HttpResponse<String> r = node.get(path, "Accept", AS);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path);
        }
    }

    @Test
    void aNewMembersCollectionsAreEmptyAndItsSocialGraphOnlyCounted() {
        for (String name : List.of("outbox", "followers", "following")) {
            String id = node.base() + "/u/alice/" + name;
            JsonObject collection = json(node.get("/u/alice/" + name, "Accept", AS));
            assertEquals("OrderedCollection", collection.getString("type"));
            assertEquals(id, collection.getString("id"));
            assertEquals(0, collection.getInteger("totalItems"));
        }
        JsonObject outbox = json(node.get("/u/alice/outbox", "Accept", AS));
        JsonObject page = json(node.get("/u/alice/outbox?page=1", "Accept", AS));
        assertEquals("OrderedCollectionPage", page.getString("type"));
        assertEquals(outbox.getString("first"), page.getString("id"));
        assertEquals(node.base() + "/u/alice/outbox", page.getString("partOf"));
        assertTrue(page.getJsonArray("orderedItems").isEmpty());
        // A member's followers and following are counted, never listed.
        assertFalse(json(node.get("/u/alice/followers", "Accept", AS)).containsKey("first"));
        assertFalse(json(node.get("/u/alice/following?page=1", "Accept", AS)).containsKey("orderedItems"));
        assertEquals(406, node.get("/actor/outbox", "Accept", "text/html").statusCode());
    }

    @Test
    void privateKeysNeverLeave() {
        List<String> secrets = new ArrayList<>();
        for (String name : List.of("alice", "jardin")) {
            long id = node.await(node.identity().localActorByUsername(name)).orElseThrow().id();
            var keys = node.await(new ActorKeyRepository().forActor(node.node().context().pool(), id)).orElseThrow();
            secrets.add(keys.rsaPrivateKeyPem().split("\n")[5]);
            secrets.add(keys.ed25519PrivateKeyPem().split("\n")[1]);
        }
        for (String[] request : List.of(
                new String[] {"/u/alice", AS}, new String[] {"/c/jardin", AS}, new String[] {"/u/alice", BROWSER},
                new String[] {"/actor", AS},
                new String[] {"/.well-known/webfinger?resource=acct:alice@" + node.authority(), "*/*"},
                new String[] {"/nodeinfo/2.1", "*/*"})) {
            String body = node.get(request[0], "Accept", request[1]).body();
            assertFalse(body.contains("PRIVATE KEY"), request[0]);
            for (String secret : secrets) {
                assertFalse(body.contains(secret), request[0]);
            }
        }
    }
}
