package coop.entraide.node;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls to a real node's JSON API as one of its members, by username (null: anonymous). Every
 * member signs in once with {@link #PASSWORD}, and the session is kept for the following calls.
 * Test clients of one capability extend it with the steps their tests share.
 */
public class MembersApi {
    public static final String PASSWORD = "une phrase de passe";

    public final TestNode node;
    private final Map<String, String> tokens = new HashMap<>();

    protected MembersApi(TestNode node) {
        this.node = node;
    }

    /** This member's session token, signing in on first use. */
    public String token(String member) {
        return tokens.computeIfAbsent(member, m -> node.sessionToken(m, PASSWORD));
    }

    /** Forgets this member's session, so that the next call signs in again. */
    public void forget(String member) {
        tokens.remove(member);
    }

    public HttpResponse<String> get(String member, String path) {
        return node.send(auth(member, node.request(path)).GET());
    }

    public HttpResponse<String> post(String member, String path, JsonObject body) {
        return send(member, "POST", path, body);
    }

    public HttpResponse<String> put(String member, String path, JsonObject body) {
        return send(member, "PUT", path, body);
    }

    public HttpResponse<String> patch(String member, String path, JsonObject body) {
        return send(member, "PATCH", path, body);
    }

    public HttpResponse<String> delete(String member, String path) {
        return node.send(auth(member, node.request(path)).DELETE());
    }

    /** A request with a JSON body, or with none when {@code body} is null. */
    public HttpResponse<String> send(String member, String method, String path, JsonObject body) {
        HttpRequest.Builder r = node.request(path);
        if (body == null) {
            r.method(method, BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body.encode()));
        }
        return node.send(auth(member, r));
    }

    protected HttpRequest.Builder auth(String member, HttpRequest.Builder r) {
        return member == null ? r : r.header("Authorization", "Bearer " + token(member));
    }
}
