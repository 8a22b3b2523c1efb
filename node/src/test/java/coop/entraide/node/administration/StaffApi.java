package coop.entraide.node.administration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * A node with one collective ("capucins") and a member of each role (alice admin, mo moderator,
 * bruno and chloe members), and calls to its API as any of them (null: anonymous).
 */
final class StaffApi implements AutoCloseable {
    static final String PASSWORD = "une phrase de passe";

    final TestNode node;
    private final Map<String, String> tokens = new HashMap<>();

    private StaffApi(TestNode node) {
        this.node = node;
    }

    static StaffApi start() {
        TestNode node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, true)));
        StaffApi api = new StaffApi(node);
        api.member("alice", Role.ADMIN);
        api.member("mo", Role.MODERATOR);
        api.member("bruno", Role.MEMBER);
        api.member("chloe", Role.MEMBER);
        return api;
    }

    void member(String username, Role role) {
        node.await(node.identity().createMember(new NewMember(username, "capucins", null, null, role, PASSWORD)));
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> signIn(u, PASSWORD));
    }

    /** Signs in afresh (a new session), without remembering it. */
    String signIn(String username, String password) {
        HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode())));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    void forget(String username) {
        tokens.remove(username);
    }

    HttpResponse<String> get(String who, String path) {
        return node.send(auth(who, node.request(path).GET()));
    }

    HttpResponse<String> post(String who, String path, JsonObject body) {
        return send(who, "POST", path, body);
    }

    HttpResponse<String> put(String who, String path, JsonObject body) {
        return send(who, "PUT", path, body);
    }

    HttpResponse<String> delete(String who, String path) {
        return node.send(auth(who, node.request(path).DELETE()));
    }

    HttpResponse<String> send(String who, String method, String path, JsonObject body) {
        HttpRequest.Builder r = node.request(path);
        if (body == null) {
            r.method(method, BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body.encode()));
        }
        return node.send(auth(who, r));
    }

    private HttpRequest.Builder auth(String who, HttpRequest.Builder r) {
        return who == null ? r : r.header("Authorization", "Bearer " + token(who));
    }

    /** The JSON of a response that must have this status. */
    static JsonObject json(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    /** The field names of a 422 problem. */
    static java.util.List<String> fieldsInError(HttpResponse<String> r) {
        JsonObject problem = json(422, r);
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        return problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
    }

    Pool pool() {
        return node.node().context().pool();
    }

    RowSet<Row> sql(String sql, Object... params) {
        return node.await(pool().preparedQuery(sql).execute(Tuple.from(params)));
    }

    @Override
    public void close() {
        node.close();
    }
}
