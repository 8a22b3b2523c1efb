package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.MembersApi;
import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** A small client of the offers API for tests: signed-in members of a real node. */
final class OfferApi extends MembersApi {
    OfferApi(TestNode node) {
        super(node);
    }

    void collective(String name, String... members) {
        node.await(node.identity().createCollective(new NewCollective(name, name, null, false)));
        for (String member : members) {
            node.await(node.identity().createMember(new NewMember(member, name, null, null, Role.MEMBER, PASSWORD)));
        }
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
