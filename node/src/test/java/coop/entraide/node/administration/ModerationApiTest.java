package coop.entraide.node.administration;

import static coop.entraide.node.administration.StaffApi.fieldsInError;
import static coop.entraide.node.administration.StaffApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Members' reports and the moderators' queue, actions and audit log, over HTTP on a real node. */
class ModerationApiTest {
    @RegisterExtension
    static final StaffApi api = StaffApi.start();

    private static String post(String author, String content) {
        return json(201, api.post(author, "/api/v1/posts", new JsonObject().put("content", content).put("visibility", "public")))
                .getString("uri");
    }

    private static long report(String reporter, JsonObject body) {
        return json(201, api.post(reporter, "/api/v1/reports", body)).getLong("id");
    }

    private static JsonObject act(String moderator, long report, JsonObject body, int status) {
        return json(status, api.post(moderator, "/api/v1/admin/reports/" + report + "/actions", body));
    }

    /** A remote account and one of its notes, as federation would have cached them. */
    private static String remoteNote(String host, String user, String html) {
        Row actor = api.sql("""
                INSERT INTO actors (uri, type, username, domain, display_name, inbox_uri, fetched_at)
                VALUES ($1, 'Person', $2, $3, 'Troll', $4, now()) RETURNING id""",
                "https://" + host + "/users/" + user, user, host, "https://" + host + "/users/" + user + "/inbox").iterator().next();
        String uri = "https://" + host + "/notes/" + user + "-1";
        api.sql("""
                INSERT INTO objects (uri, actor_id, types, local, visibility, content_html, document, published_at)
                VALUES ($1, $2, ARRAY['Note'], false, 'public', $3, '{}'::jsonb, now())""", uri, actor.getLong("id"), html);
        return uri;
    }

    private static long unread(String who) {
        return json(200, api.get(who, "/api/v1/notifications/unread-count")).getLong("unread");
    }

    @Test
    void reportsAreForMembersAndTheQueueForModerators() {
        assertEquals(401, api.post(null, "/api/v1/reports", new JsonObject().put("account", "bruno")).statusCode());
        assertEquals(401, api.get(null, "/api/v1/admin/reports").statusCode());
        assertEquals(403, api.get("bruno", "/api/v1/admin/reports").statusCode());
        assertEquals(403, api.get("bruno", "/api/v1/admin/audit-log").statusCode());
        assertEquals(403, api.post("bruno", "/api/v1/admin/reports/1/actions", new JsonObject().put("action", "resolve")).statusCode());
        assertEquals(404, api.get("mo", "/api/v1/admin/reports/999999").statusCode());
        assertEquals(404, api.post("mo", "/api/v1/admin/reports/999999/actions", new JsonObject().put("action", "resolve")).statusCode());
        assertEquals(List.of("state"), fieldsInError(api.get("mo", "/api/v1/admin/reports?state=burning")));
    }

    @Test
    void aReportMustNameSomethingThisNodeKnows() {
        assertEquals(List.of("account"), fieldsInError(api.post("chloe", "/api/v1/reports", new JsonObject().put("comment", "?"))));
        assertEquals(List.of("objects", "comment"), fieldsInError(api.post("chloe", "/api/v1/reports",
                new JsonObject().put("objects", new JsonArray().add(12)).put("comment", "x".repeat(2001)))));
        assertEquals(List.of("objects"), fieldsInError(api.post("chloe", "/api/v1/reports",
                new JsonObject().put("objects", new JsonArray().add("https://nowhere.example/notes/1")))));
        assertEquals(404, api.post("chloe", "/api/v1/reports", new JsonObject().put("account", "@ghost@nowhere.example")).statusCode());
        assertEquals(List.of("account"), fieldsInError(api.post("chloe", "/api/v1/reports", new JsonObject().put("account", "chloe"))),
                "nobody reports themself");
    }

    @Test
    void aModeratorHidesThenDeletesAReportedPostAndEverythingIsAudited() {
        api.member("ugo", Role.MEMBER);
        String uri = post("ugo", "Vends des pilules miracles <b>pas chères</b>");
        long before = unread("mo");
        long id = report("chloe", new JsonObject().put("objects", new JsonArray().add(uri)).put("comment", "Arnaque"));
        assertEquals(before + 1, unread("mo"), "moderators are told of a new report");
        assertEquals(0, unread("chloe"), "members are not");

        JsonObject listed = json(200, api.get("mo", "/api/v1/admin/reports")).getJsonArray("reports").stream()
                .map(JsonObject.class::cast).filter(r -> r.getLong("id") == id).findFirst().orElseThrow();
        assertEquals("open", listed.getString("state"));
        assertEquals("member", listed.getString("origin"));
        assertEquals("Arnaque", listed.getString("comment"));
        assertEquals("chloe@" + api.node.authority(), listed.getJsonObject("reporter").getString("handle"));
        JsonObject target = listed.getJsonObject("target");
        assertEquals("ugo@" + api.node.authority(), target.getString("handle"), "the author is the account reported");
        assertEquals("member", target.getJsonObject("member").getString("role"));
        JsonObject object = listed.getJsonArray("objects").getJsonObject(0);
        assertTrue(object.getString("content_text").contains("pilules miracles"), object.encode());
        assertFalse(object.getBoolean("hidden"));

        assertEquals(List.of("action"), fieldsInError(api.post("mo", "/api/v1/admin/reports/" + id + "/actions",
                new JsonObject().put("action", "explode"))));
        assertEquals(List.of("object"), fieldsInError(api.post("mo", "/api/v1/admin/reports/" + id + "/actions",
                new JsonObject().put("action", "hide").put("object", "https://elsewhere.example/x"))));

        JsonObject hidden = act("mo", id, new JsonObject().put("action", "hide").put("reason", "arnaque évidente"), 200);
        assertTrue(hidden.getJsonArray("objects").getJsonObject(0).getBoolean("hidden"));
        assertNotNull(api.sql("SELECT hidden_at FROM objects WHERE uri = $1", uri).iterator().next().getOffsetDateTime("hidden_at"));
        act("mo", id, new JsonObject().put("action", "hide"), 409);

        JsonObject deleted = act("mo", id, new JsonObject().put("action", "delete"), 200);
        assertTrue(deleted.getJsonArray("objects").getJsonObject(0).getBoolean("deleted"));
        Row stored = api.sql("SELECT deleted_at, document FROM objects WHERE uri = $1", uri).iterator().next();
        assertNotNull(stored.getOffsetDateTime("deleted_at"));
        assertEquals("Tombstone", stored.getJsonObject("document").getString("type"));
        assertEquals(1, api.sql("SELECT 1 FROM outbox WHERE type = 'Delete' AND document->'object'->>'id' = $1", uri).size(),
                "our own object: a Delete is published");
        act("mo", id, new JsonObject().put("action", "delete"), 409);

        act("mo", id, new JsonObject().put("action", "block_domain"), 403);
        act("alice", id, new JsonObject().put("action", "block_domain"), 409);

        JsonObject resolved = act("mo", id, new JsonObject().put("action", "resolve").put("reason", "post supprimé"), 200);
        assertEquals("resolved", resolved.getString("state"));
        assertEquals("mo", resolved.getString("resolved_by"));
        act("mo", id, new JsonObject().put("action", "dismiss"), 409);
        assertTrue(json(200, api.get("mo", "/api/v1/admin/reports")).getJsonArray("reports").stream()
                .noneMatch(r -> ((JsonObject) r).getLong("id") == id), "the open queue no longer lists it");
        assertEquals(1, json(200, api.get("mo", "/api/v1/admin/reports?state=resolved")).getJsonArray("reports").stream()
                .filter(r -> ((JsonObject) r).getLong("id") == id).count());

        JsonArray entries = json(200, api.get("alice", "/api/v1/admin/audit-log?report=" + id)).getJsonArray("entries");
        List<String> actions = entries.stream().map(e -> ((JsonObject) e).getString("action")).toList();
        assertEquals(List.of("report_resolved", "object_deleted", "object_hidden"), actions);
        JsonObject hide = entries.getJsonObject(2);
        assertEquals("mo", hide.getString("by"));
        assertEquals(uri, hide.getString("target"));
        assertEquals("arnaque évidente", hide.getString("reason"));
    }

    @Test
    void aModeratorSuspendsTheReportedMember() {
        String session = api.newMemberSession("vic");
        long id = report("chloe", new JsonObject().put("account", "vic").put("comment", "Insultes"));
        JsonObject done = act("mo", id, new JsonObject().put("action", "suspend").put("reason", "insultes répétées"), 200);
        assertTrue(done.getJsonObject("target").getJsonObject("member").getBoolean("suspended"));
        assertEquals(401, api.node.get("/api/v1/me", "Authorization", "Bearer " + session).statusCode());
        act("mo", id, new JsonObject().put("action", "suspend"), 409);

        long aboutStaff = report("chloe", new JsonObject().put("account", "@alice@" + api.node.authority()));
        act("mo", aboutStaff, new JsonObject().put("action", "suspend"), 403);
        assertEquals("dismissed", act("mo", aboutStaff, new JsonObject().put("action", "dismiss"), 200).getString("state"));
    }

    @Test
    void anAdministratorBlocksTheServerOfAReportedRemoteAccount() {
        String note = remoteNote("spam.example", "troll", "<p>Achetez <script>alert(1)</script><a href=\"https://spam.example\" onclick=\"x()\">ici</a></p>");
        long id = report("chloe", new JsonObject().put("account", "https://spam.example/users/troll")
                .put("objects", new JsonArray().add(note)));
        JsonObject listed = json(200, api.get("mo", "/api/v1/admin/reports/" + id));
        JsonObject object = listed.getJsonArray("objects").getJsonObject(0);
        assertFalse(object.getString("content_html").contains("script"), object.getString("content_html"));
        assertFalse(object.getString("content_html").contains("onclick"), object.getString("content_html"));
        assertFalse(object.getBoolean("local"));
        assertEquals("spam.example", listed.getJsonObject("target").getString("domain"));
        assertNull(listed.getJsonObject("target").getJsonObject("member"));
        act("mo", id, new JsonObject().put("action", "suspend"), 409);
        act("mo", id, new JsonObject().put("action", "block_domain"), 403);

        act("alice", id, new JsonObject().put("action", "block_domain").put("reason", "spam en série"), 200);
        JsonObject policy = json(200, api.get("alice", "/api/v1/admin/domain-policies/spam.example"));
        assertEquals("block", policy.getString("policy"));
        assertEquals("alice", policy.getString("createdBy"));
        JsonObject entry = json(200, api.get("mo", "/api/v1/admin/audit-log")).getJsonArray("entries").getJsonObject(0);
        assertEquals("domain_blocked", entry.getString("action"));
        assertEquals("spam.example", entry.getString("target"));
        assertEquals("domain", entry.getString("target_kind"));
    }

    @Test
    void aReportFromAnotherServerIsListedAsRemote() {
        String note = remoteNote("other.example", "olga", "<p>bonjour</p>");
        long actor = api.sql("SELECT id FROM actors WHERE domain = 'other.example'").iterator().next().getLong("id");
        long ugoPost = api.sql("SELECT id FROM actors WHERE username = 'chloe'").iterator().next().getLong("id");
        long id = api.sql("""
                INSERT INTO reports (reporter_id, target_actor_id, object_uris, comment, activity_uri)
                VALUES ($1, $2, ARRAY[$3], 'spam from your side', 'https://other.example/flags/1') RETURNING id""",
                actor, ugoPost, note).iterator().next().getLong("id");
        JsonObject listed = json(200, api.get("mo", "/api/v1/admin/reports/" + id));
        assertEquals("remote", listed.getString("origin"));
        assertEquals("olga@other.example", listed.getJsonObject("reporter").getString("handle"));
    }
}
