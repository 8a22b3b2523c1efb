package coop.entraide.node.federation.exchange;


import coop.entraide.node.MembersApi;
import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The JSON API of one real node, as its signed-in members use it, and a look into its database. */
public final class Api extends MembersApi {
    Api(TestNode node) {
        super(node);
    }

    public void collective(String name, String... members) {
        node.await(node.identity().createCollective(new NewCollective(name, name, null, false)));
        for (String member : members) {
            member(name, member, Role.MEMBER);
        }
    }

    public void member(String collective, String name, Role role) {
        node.await(node.identity().createMember(new NewMember(name, collective, null, null, role, PASSWORD)));
    }

    public String uri(String path) {
        return node.base() + path;
    }

    public HttpResponse<String> upload(String member, byte[] bytes, String contentType) {
        return node.send(auth(member, node.request("/api/v1/media")).header("Content-Type", contentType)
                .POST(BodyPublishers.ofByteArray(bytes)));
    }

    /** A 2xx answer's JSON; fails the test otherwise. */
    public JsonObject ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body());
    }

    public JsonObject getJson(String member, String path) {
        return ok(get(member, path));
    }

    /** Rows of a query on this node's database, for what no API shows (stored documents, inbox outcomes). */
    public List<Row> sql(String query, Object... params) {
        List<Row> out = new ArrayList<>();
        node.await(node.node().context().pool().preparedQuery(query).execute(Tuple.from(params))).forEach(out::add);
        return out;
    }

    public static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
