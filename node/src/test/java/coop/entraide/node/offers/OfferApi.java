package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A small client of the offers API for tests: signed-in members of a real node. */
final class OfferApi {
    static final String PASSWORD = "une phrase de passe";
    final TestNode node;
    private final Map<String, String> tokens = new HashMap<>();

    OfferApi(TestNode node) {
        this.node = node;
    }

    void collective(String name, String... members) {
        node.await(node.identity().createCollective(new NewCollective(name, name, null, false)));
        for (String member : members) {
            node.await(node.identity().createMember(new NewMember(member, name, null, null, Role.MEMBER, PASSWORD)));
        }
    }

    String token(String member) {
        return tokens.computeIfAbsent(member, m -> {
            HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(new JsonObject().put("username", m).put("password", PASSWORD).encode())));
            assertEquals(201, r.statusCode(), r.body());
            return new JsonObject(r.body()).getString("token");
        });
    }

    HttpResponse<String> post(String member, String path, JsonObject body) {
        return node.send(auth(member, node.request(path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body.encode())));
    }

    HttpResponse<String> patch(String member, String path, JsonObject body) {
        return node.send(auth(member, node.request(path)).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(body.encode())));
    }

    HttpResponse<String> delete(String member, String path) {
        return node.send(auth(member, node.request(path)).DELETE());
    }

    HttpResponse<String> get(String member, String path) {
        return node.send(auth(member, node.request(path)).GET());
    }

    private HttpRequest.Builder auth(String member, HttpRequest.Builder r) {
        return member == null ? r : r.header("Authorization", "Bearer " + token(member));
    }

    /** Publishes an offer and answers its JSON; fails the test if refused. */
    JsonObject publish(String member, JsonObject offer) {
        HttpResponse<String> r = post(member, "/api/v1/offers", offer);
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    static JsonObject give(String title) {
        return new JsonObject().put("kind", "give").put("title", title).put("category", "other");
    }

    static JsonObject lend(String title, int days) {
        return new JsonObject().put("kind", "lend").put("title", title).put("category", "tools")
                .put("loan_period_days", days).put("deposit", new JsonObject().put("amount", "20").put("currency", "EUR"));
    }
}
