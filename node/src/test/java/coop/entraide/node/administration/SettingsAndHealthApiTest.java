package coop.entraide.node.administration;

import static coop.entraide.node.administration.StaffApi.fieldsInError;
import static coop.entraide.node.administration.StaffApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.federation.health.QueueSnapshots;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node's settings (and where they show), and the federation health view, over HTTP on a real node. */
class SettingsAndHealthApiTest {
    @RegisterExtension
    static final StaffApi api = StaffApi.start();

    private static JsonObject settings() {
        return new JsonObject().put("name", "Entraide des Capucins").put("description", "Le quartier s'entraide")
                .put("rules", "Soyez aimables.\nPas de vente.").put("default_tip_percent", 7)
                .put("languages", new JsonArray().add("fr").add("en")).put("registrations", "approval");
    }

    @Test
    void onlyAdministratorsReadAndChangeTheSettings() {
        assertEquals(401, api.get(null, "/api/v1/admin/settings").statusCode());
        assertEquals(403, api.get("mo", "/api/v1/admin/settings").statusCode());
        assertEquals(403, api.put("mo", "/api/v1/admin/settings", settings()).statusCode());
        assertEquals(401, api.get(null, "/api/v1/admin/federation/health").statusCode());
        assertEquals(403, api.get("mo", "/api/v1/admin/federation/health").statusCode());
        assertEquals(403, api.get("bruno", "/api/v1/admin/federation/queue-history").statusCode());
    }

    @Test
    void settingsAreCheckedSavedAndReflectedEverywhere() {
        JsonObject defaults = json(200, api.get("alice", "/api/v1/admin/settings"));
        assertEquals(api.node.authority(), defaults.getString("name"));
        assertEquals("closed", defaults.getString("registrations"));

        assertEquals(List.of("name", "default_tip_percent", "languages", "registrations"), fieldsInError(
                api.put("alice", "/api/v1/admin/settings", settings().put("name", " ").put("default_tip_percent", 7.5)
                        .put("languages", new JsonArray().add("français")).put("registrations", "sometimes"))));
        assertEquals(List.of("description", "languages"), fieldsInError(api.put("alice", "/api/v1/admin/settings",
                settings().put("description", "x".repeat(2001)).put("languages", new JsonArray()))));

        JsonObject saved = json(200, api.put("alice", "/api/v1/admin/settings", settings()));
        assertEquals("Entraide des Capucins", saved.getString("name"));
        assertEquals(new JsonArray().add("fr").add("en"), saved.getJsonArray("languages"));

        JsonObject instance = json(200, api.get(null, "/api/v1/instance"));
        assertEquals("Soyez aimables.\nPas de vente.", instance.getString("rules"));
        assertEquals("approval", instance.getString("registrations"));
        assertEquals("capucins", instance.getJsonArray("collectives").getJsonObject(0).getString("username"));

        JsonObject nodeinfo = new JsonObject(api.node.get("/nodeinfo/2.1").body());
        assertTrue(nodeinfo.getBoolean("openRegistrations"), "approval still lets people ask to join");
        assertEquals("Entraide des Capucins", nodeinfo.getJsonObject("metadata").getString("nodeName"));
        assertEquals("Le quartier s'entraide", nodeinfo.getJsonObject("metadata").getString("nodeDescription"));

        json(200, api.put("alice", "/api/v1/admin/settings", settings().put("registrations", "closed")));
        assertFalse(new JsonObject(api.node.get("/nodeinfo/2.1").body()).getBoolean("openRegistrations"));
        assertEquals("settings_changed", json(200, api.get("alice", "/api/v1/admin/audit-log"))
                .getJsonArray("entries").getJsonObject(0).getString("action"));
    }

    @Test
    void theHealthViewCountsServersQueueAndRejectedSignatures() {
        long local = api.sql("SELECT id FROM actors WHERE username = 'capucins'").iterator().next().getLong("id");
        long remote = api.sql("""
                INSERT INTO actors (uri, type, username, domain, inbox_uri, fetched_at)
                VALUES ('https://masto.example/users/zoe', 'Person', 'zoe', 'masto.example', 'https://masto.example/inbox', now())
                RETURNING id""").iterator().next().getLong("id");
        api.sql("INSERT INTO follows (follower_id, followed_id, state, activity_uri) VALUES ($1, $2, 'accepted', 'https://masto.example/f/1')",
                remote, local);
        api.sql("INSERT INTO follows (follower_id, followed_id, state, activity_uri) VALUES ($1, $2, 'pending', 'https://x.example/f/2')",
                local, remote);
        long activity = api.sql("""
                INSERT INTO outgoing_activities (activity_id, actor_id, body, created_at)
                VALUES ('https://x/a/1', 'https://x/actor', '\\x7b7d'::bytea, now()) RETURNING id""").iterator().next().getLong("id");
        api.sql("""
                INSERT INTO delivery_jobs (activity, inbox, host, state, attempts, next_attempt_at, expires_at, created_at)
                VALUES ($1, 'https://masto.example/inbox', 'masto.example', 'pending', 2, now(), now() + interval '1 day', now()),
                       ($1, 'https://down.example/inbox', 'down.example', 'failed', 9, now(), now() + interval '1 day', now())""",
                activity);
        api.sql("""
                INSERT INTO signature_rejections (day, host, reason, count)
                VALUES (current_date, 'masto.example', 'CLOCK_SKEW', 3), (current_date, 'evil.example', 'BAD_SIGNATURE', 5),
                       (current_date - 30, 'old.example', 'BAD_SIGNATURE', 100)""");

        JsonObject health = json(200, api.get("alice", "/api/v1/admin/federation/health"));
        JsonObject masto = health.getJsonArray("servers").getJsonObject(0);
        assertEquals("masto.example", masto.getString("domain"));
        assertEquals(1, masto.getLong("followers"));
        assertEquals(0, masto.getLong("following"));
        assertEquals(1, masto.getLong("pending"));
        JsonObject queue = health.getJsonObject("queue");
        assertEquals(1, queue.getLong("retrying"));
        assertEquals(1, queue.getLong("failed"));
        JsonObject rejections = health.getJsonObject("rejections");
        assertEquals(8, rejections.getLong("total"), "the last 7 days only");
        assertEquals("BAD_SIGNATURE", rejections.getJsonArray("by_reason").getJsonObject(0).getString("reason"));
        assertEquals(5, rejections.getJsonArray("by_reason").getJsonObject(0).getLong("count"));
        assertEquals(108, json(200, api.get("alice", "/api/v1/admin/federation/health?days=60"))
                .getJsonObject("rejections").getLong("total"));
        assertEquals(List.of("days"), fieldsInError(api.get("alice", "/api/v1/admin/federation/health?days=0")));

        QueueSnapshots snapshots = new QueueSnapshots();
        Instant minute = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        assertTrue(api.node.await(snapshots.take(api.pool(), minute.plusSeconds(5))));
        assertFalse(api.node.await(snapshots.take(api.pool(), minute.plusSeconds(40))),
                "another process taking the same minute's snapshot changes nothing");
        JsonArray points = json(200, api.get("alice", "/api/v1/admin/federation/queue-history?hours=1")).getJsonArray("points");
        JsonObject last = points.getJsonObject(points.size() - 1);
        assertEquals(minute.toString(), last.getString("at"));
        assertEquals(1, last.getLong("retrying"));
        assertEquals(1, last.getLong("failed"));
        assertTrue(points.size() >= 2, "the node took one at start-up too: " + points);
        assertEquals(List.of("hours"), fieldsInError(api.get("alice", "/api/v1/admin/federation/queue-history?hours=999")));
    }
}
