package coop.entraide.node.federation.exchange;

import coop.entraide.node.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two real nodes on loopback, A and B, each with its own database, and their JSON APIs: the ground
 * of the tests of what travels between nodes. A test class holds one in a static
 * {@code @RegisterExtension} field, which stops both nodes after its last test.
 */
public final class TwoNodes implements AfterAllCallback {
    private final Api a;
    private final Api b;

    private TwoNodes(TestNode a, TestNode b) {
        this.a = new Api(a);
        this.b = new Api(b);
    }

    /** Starts A, then B; A is stopped again should B not start. */
    public static TwoNodes start() {
        TestNode a = TestNode.start();
        try {
            return new TwoNodes(a, TestNode.start());
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    public Api a() {
        return a;
    }

    public Api b() {
        return b;
    }

    /** B's {@code member} asks to follow {@code name} of A by its handle; B's answer. */
    public HttpResponse<String> askToFollow(String member, String name) {
        return b.post(member, "/api/v1/follows", new JsonObject().put("handle", "@" + name + "@" + a.node.authority()));
    }

    /** Whether B lists the actor {@code uri} among those its {@code member} follows: the Accept came back. */
    public boolean follows(String member, String uri) {
        return b.getJson(member, "/api/v1/follows").getJsonArray("items").stream()
                .anyMatch(f -> ((JsonObject) f).getJsonObject("actor").getString("uri").equals(uri));
    }

    /** B's {@code member} follows {@code name} of A by its handle, and the Accept came back. */
    public void follow(String member, String name) {
        String uri = b.ok(askToFollow(member, name)).getJsonObject("actor").getString("uri");
        Api.eventually("the follow is accepted", () -> follows(member, uri));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        b.node.close();
        a.node.close();
    }
}
