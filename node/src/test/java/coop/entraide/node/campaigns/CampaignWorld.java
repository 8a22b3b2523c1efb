package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A node with two collectives for campaign tests: capucins (alice, admin; bruno, member) and
 * atelier (zoe, admin). Signs people in over HTTP and builds requests.
 */
final class CampaignWorld implements AutoCloseable {
    static final String PASSWORD = "une phrase de passe";
    final TestNode node;
    private final Map<String, String> tokens = new HashMap<>();

    CampaignWorld() {
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, false)));
        node.await(node.identity().createCollective(new NewCollective("atelier", "L'Atelier", null, false)));
        node.await(node.identity().createMember(new NewMember("alice", "capucins", "Alice", null, Role.ADMIN, PASSWORD)));
        node.await(node.identity().createMember(new NewMember("bruno", "capucins", "Bruno", null, Role.MEMBER, PASSWORD)));
        node.await(node.identity().createMember(new NewMember("zoe", "atelier", "Zoé", null, Role.ADMIN, PASSWORD)));
    }

    synchronized String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(new JsonObject().put("username", u).put("password", PASSWORD).encode())));
            assertEquals(201, r.statusCode(), r.body());
            return new JsonObject(r.body()).getString("token");
        });
    }

    HttpRequest.Builder as(String who, String path) {
        HttpRequest.Builder b = node.request(path);
        if (who != null) {
            b.header("Authorization", "Bearer " + token(who));
        }
        return b;
    }

    HttpResponse<String> post(String who, String path, JsonObject body) {
        return node.send(as(who, path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body == null ? "{}" : body.encode())));
    }

    /** A body written by hand, for exact decimals such as {@code 12.345} that a JsonObject would not keep. */
    HttpResponse<String> postRaw(String who, String path, String json) {
        return node.send(as(who, path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    HttpResponse<String> patch(String who, String path, JsonObject body) {
        return node.send(as(who, path).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(body.encode())));
    }

    HttpResponse<String> get(String who, String path) {
        return node.send(as(who, path).GET());
    }

    static JsonObject campaignBody(String title) {
        Instant now = Instant.now();
        return new JsonObject()
                .put("title", title)
                .put("description", "<p>Pour le <b>quartier</b><script>alert(1)</script></p>")
                .put("goal", "1000.00")
                .put("currency", "EUR")
                .put("starts_at", now.minus(Duration.ofMinutes(1)).toString())
                .put("ends_at", now.plus(Duration.ofDays(30)).toString())
                .put("rule", "keep_what_is_raised")
                .put("tiers", new JsonArray().add(new JsonObject().put("amount", "20").put("title", "Un pain")
                        .put("counterpart", "Un pain cuit au four")));
    }

    /** A published campaign of capucins; its id. */
    long openCampaign(JsonObject body) {
        HttpResponse<String> created = post("alice", "/api/v1/collectives/capucins/campaigns", body);
        assertEquals(201, created.statusCode(), created.body());
        long id = new JsonObject(created.body()).getLong("id");
        HttpResponse<String> published = post("alice", "/api/v1/campaigns/" + id + "/publish", null);
        assertEquals(200, published.statusCode(), published.body());
        return id;
    }

    HttpResponse<String> pledge(String who, long campaign, String amount, String tip) {
        JsonObject body = new JsonObject().put("amount", amount);
        if (tip != null) {
            body.put("tip", tip);
        }
        return post(who, "/api/v1/campaigns/" + campaign + "/pledges", body);
    }

    long count(String sql, Object... args) {
        Row row = node.await(node.node().context().pool().preparedQuery(sql).execute(Tuple.from(args))).iterator().next();
        return row.getLong(0);
    }

    /** Rows that any refusal must leave untouched. */
    record Counts(long campaigns, long accounts, long pledges, long entries, long audit, long receipts, long expenses) {
    }

    Counts counts() {
        return new Counts(count("SELECT count(*) FROM campaigns"), count("SELECT count(*) FROM ledger_accounts"),
                count("SELECT count(*) FROM pledges"), count("SELECT count(*) FROM ledger_entries"),
                count("SELECT count(*) FROM campaign_audit"), count("SELECT count(*) FROM tax_receipts"),
                count("SELECT count(*) FROM campaign_expenses"));
    }

    @Override
    public void close() {
        node.close();
    }
}
