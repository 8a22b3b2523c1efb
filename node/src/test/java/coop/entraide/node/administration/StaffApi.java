package coop.entraide.node.administration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.MembersApi;
import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A node with one collective ("capucins") and a member of each role (alice admin, mo moderator,
 * bruno and chloe members), and calls to its API as any of them (null: anonymous). A test class
 * holds one in a static {@code @RegisterExtension} field, which stops the node after its last test.
 */
final class StaffApi extends MembersApi implements AfterAllCallback {
    private StaffApi(TestNode node) {
        super(node);
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

    /**
     * Adds a member and signs them in: their own session, apart from the one {@link #token} keeps,
     * for a test to see it end.
     */
    String newMemberSession(String username) {
        member(username, Role.MEMBER);
        return node.sessionToken(username, PASSWORD);
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
    public void afterAll(ExtensionContext context) {
        node.close();
    }
}
