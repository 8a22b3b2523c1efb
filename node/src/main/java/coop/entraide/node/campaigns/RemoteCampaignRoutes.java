package coop.entraide.node.campaigns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.federation.social.StoredObject;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.EntraideCampaigns;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Other nodes' campaigns for our members (JSON, errors as RFC 9457 problems):
 * <ul>
 *   <li>{@code GET /api/v1/federated-campaigns}: the campaigns that reached this node, with their totals;</li>
 *   <li>{@code POST /api/v1/federated-pledges} {@code {campaign, amount, tip?, anonymous?, public_name?, message?}}:
 *       pledge to one (202: sent, the campaign's node answers later);</li>
 *   <li>{@code GET /api/v1/federated-pledges}: the member's, with the state their campaign's node reported;</li>
 *   <li>{@code DELETE /api/v1/federated-pledges/{id}}: withdraw one not yet paid.</li>
 * </ul>
 */
public final class RemoteCampaignRoutes implements Routes {
    static final int LIST_LIMIT = 100;

    private final RemoteCampaigns campaigns;
    private final Authenticator auth;

    public RemoteCampaignRoutes(RemoteCampaigns campaigns, Authenticator auth) {
        this.campaigns = campaigns;
        this.auth = auth;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/federated-campaigns").handler(auth::require).handler(this::known);
        router.post("/api/v1/federated-pledges").handler(auth::require).handler(this::pledge);
        router.get("/api/v1/federated-pledges").handler(auth::require).handler(this::mine);
        router.delete("/api/v1/federated-pledges/:id").handler(auth::require).handler(this::withdraw);
    }

    private void known(RoutingContext ctx) {
        reply(ctx, 200, campaigns.known(LIST_LIMIT).map(list -> items(list.stream().map(RemoteCampaignRoutes::campaign).toList())));
    }

    private void pledge(RoutingContext ctx) {
        reply(ctx, 202, campaigns.pledge(Authenticator.current(ctx).member(), ExactJson.body(ctx))
                .map(RemoteCampaignRoutes::pledge));
    }

    private void mine(RoutingContext ctx) {
        reply(ctx, 200, campaigns.mine(Authenticator.current(ctx).member())
                .map(list -> items(list.stream().map(RemoteCampaignRoutes::pledge).toList())));
    }

    private void withdraw(RoutingContext ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("You have no pledge with this id.");
        }
        reply(ctx, 202, campaigns.withdraw(Authenticator.current(ctx).member(), id).map(RemoteCampaignRoutes::pledge));
    }

    private static void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
        answer.onFailure(ctx::fail).onSuccess(body -> JsonApi.send(ctx, status, body));
    }

    private static JsonObject items(List<JsonObject> list) {
        return new JsonObject().put("items", new JsonArray(List.copyOf(list)));
    }

    /** A campaign as its collective last published it: Entraide's terms read from the stored document. */
    static JsonObject campaign(StoredObject o) {
        ObjectNode d = o.documentNode();
        return new JsonObject()
                .put("uri", o.uri())
                .put("url", o.url())
                .put("title", o.name())
                .put("collective", d.path(As.ATTRIBUTED_TO).asText(null))
                .put("state", d.path(EntraideCampaigns.CAMPAIGN_STATE).asText(null))
                .put("rule", d.path(EntraideCampaigns.CAMPAIGN_RULE).asText(null))
                .put("currency", d.path(EntraideCampaigns.CURRENCY).asText(null))
                .put("goal", d.path(EntraideCampaigns.GOAL).asText(null))
                .put("raised", d.path(EntraideCampaigns.RAISED).asText(null))
                .put("received", d.path(EntraideCampaigns.RECEIVED).asText(null))
                .put("promised", d.path(EntraideCampaigns.PROMISED).asText(null))
                .put("contributors", d.path(EntraideCampaigns.CONTRIBUTORS).isNumber()
                        ? d.path(EntraideCampaigns.CONTRIBUTORS).asLong() : null)
                .put("starts_at", d.path("startTime").asText(null))
                .put("ends_at", d.path("endTime").asText(null))
                .put("content_html", o.contentHtml())
                .put("updated_at", time(o.updatedAt() != null ? o.updatedAt() : o.publishedAt()));
    }

    static JsonObject pledge(SentPledge p) {
        return new JsonObject()
                .put("id", p.publicId().toString())
                .put("campaign", p.campaignUri())
                .put("collective", p.collectiveUri())
                .put("amount", p.amount().plain())
                .put("tip", p.tip().plain())
                .put("currency", p.amount().code())
                .put("public_name", p.publicName())
                .put("message", p.message())
                .put("state", p.state())
                .put("reason", p.reason())
                .put("pledge", p.pledgeUri())
                .put("payment_reference", p.paymentReference())
                .put("created_at", time(p.createdAt()))
                .put("updated_at", time(p.updatedAt()));
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
