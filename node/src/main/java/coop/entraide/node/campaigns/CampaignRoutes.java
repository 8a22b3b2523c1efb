package coop.entraide.node.campaigns;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.Member;
import coop.entraide.node.ledger.Csv;
import coop.entraide.node.ledger.Ledger;
import coop.entraide.node.ledger.Money;
import coop.entraide.node.store.NodeSettingsRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaigns JSON API under {@code /api/v1}: campaigns (create, read, edit, publish, cancel,
 * news), pledges (make, mine), the treasurer's actions (receive, refund, release, expenses, CSV,
 * receipts) and the collective's funding settings. Handlers stay thin: they read the request,
 * call a service and write its answer.
 */
public final class CampaignRoutes implements Routes {
    static final String DEFAULT_TIP_PERCENT = "default_tip_percent";

    private final Campaigns campaigns;
    private final Authenticator auth;
    private final NodeSettingsRepository settings = new NodeSettingsRepository();

    CampaignRoutes(Campaigns campaigns, Authenticator auth) {
        this.campaigns = campaigns;
        this.auth = auth;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/collectives/:name/campaigns").handler(auth::require).handler(this::create);
        router.get("/api/v1/collectives/:name/campaigns").handler(auth::optional).handler(this::listOfCollective);
        router.get("/api/v1/collectives/:name/funding").handler(auth::require).handler(this::funding);
        router.put("/api/v1/collectives/:name/funding").handler(auth::require).handler(this::setFunding);
        router.get("/api/v1/campaigns/:id").handler(auth::optional).handler(this::show);
        router.get("/api/v1/campaigns/:id/progress").handler(this::progress);
        router.patch("/api/v1/campaigns/:id").handler(auth::require).handler(this::edit);
        router.post("/api/v1/campaigns/:id/publish").handler(auth::require).handler(this::publish);
        router.post("/api/v1/campaigns/:id/cancel").handler(auth::require).handler(this::cancel);
        router.get("/api/v1/campaigns/:id/updates").handler(this::news);
        router.post("/api/v1/campaigns/:id/updates").handler(auth::require).handler(this::postNews);
        router.post("/api/v1/campaigns/:id/pledges").handler(auth::require).handler(this::pledge);
        router.get("/api/v1/campaigns/:id/pledges").handler(auth::require).handler(this::pledgesOfCampaign);
        router.get("/api/v1/campaigns/:id/ledger").handler(this::publicLedger);
        router.get("/api/v1/campaigns/:id/ledger.csv").handler(auth::require).handler(this::csv);
        router.post("/api/v1/campaigns/:id/expenses").handler(auth::require).handler(this::expense);
        router.get("/api/v1/me/pledges").handler(auth::require).handler(this::mine);
        router.post("/api/v1/pledges/:id/receive").handler(auth::require).handler(ctx -> treasurer(ctx, "receive"));
        router.post("/api/v1/pledges/:id/refund").handler(auth::require).handler(ctx -> treasurer(ctx, "refund"));
        router.post("/api/v1/pledges/:id/release").handler(auth::require).handler(ctx -> treasurer(ctx, "release"));
        router.post("/api/v1/pledges/:id/receipt").handler(auth::require).handler(this::issueReceipt);
        router.get("/api/v1/pledges/:id/receipt.pdf").handler(auth::require).handler(this::receipt);
    }

    /** The signed-in caller on a public route mounted after {@link Authenticator#optional}, or null. */
    private static Member viewer(RoutingContext ctx) {
        return Authenticator.find(ctx).map(a -> a.member()).orElse(null);
    }

    private static Member member(RoutingContext ctx) {
        return Authenticator.current(ctx).member();
    }

    static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("There is nothing at this address.");
        }
    }

    private Future<Object> tipPercent() {
        return settings.get(campaigns.core().pool, DEFAULT_TIP_PERCENT).map(v -> v.orElse(10));
    }

    private void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
        answer.onFailure(ctx::fail).onSuccess(body -> JsonApi.send(ctx, status, body));
    }

    private Future<JsonObject> shown(Campaign c, Progress p) {
        return tipPercent().map(tip -> CampaignJson.campaign(c, p, campaigns.core().campaignUri(c.id()),
                campaigns.core().now(), tip));
    }

    private Future<JsonObject> shownWithProgress(Future<Campaign> c) {
        return c.compose(campaign -> campaigns.core().progress(campaigns.core().pool, campaign)
                .compose(p -> shown(campaign, p)));
    }

    private void create(RoutingContext ctx) {
        reply(ctx, 201, shownWithProgress(campaigns.campaigns().create(member(ctx), ctx.pathParam("name"),
                ExactJson.body(ctx))));
    }

    private void listOfCollective(RoutingContext ctx) {
        reply(ctx, 200, campaigns.campaigns().ofCollective(ctx.pathParam("name"), viewer(ctx)).compose(list -> {
            JsonArray items = new JsonArray();
            Future<Void> chain = Future.succeededFuture();
            for (Campaign c : list) {
                chain = chain.compose(v -> campaigns.core().progress(campaigns.core().pool, c)
                        .compose(p -> shown(c, p)).map(items::add).mapEmpty());
            }
            return chain.map(v -> new JsonObject().put("items", items));
        }));
    }

    private void show(RoutingContext ctx) {
        reply(ctx, 200, campaigns.campaigns().show(id(ctx), viewer(ctx)).compose(s -> shown(s.campaign(), s.progress())));
    }

    private void progress(RoutingContext ctx) {
        reply(ctx, 200, campaigns.campaigns().show(id(ctx), null)
                .map(s -> CampaignJson.progress(s.campaign(), s.progress(), campaigns.core().now())));
    }

    private void edit(RoutingContext ctx) {
        reply(ctx, 200, shownWithProgress(campaigns.campaigns().edit(member(ctx), id(ctx), ExactJson.body(ctx))));
    }

    private void publish(RoutingContext ctx) {
        reply(ctx, 200, shownWithProgress(campaigns.campaigns().publish(member(ctx), id(ctx))));
    }

    private void cancel(RoutingContext ctx) {
        reply(ctx, 200, shownWithProgress(campaigns.campaigns().cancel(member(ctx), id(ctx))));
    }

    private void news(RoutingContext ctx) {
        reply(ctx, 200, campaigns.campaigns().news(id(ctx)).map(list -> {
            JsonArray items = new JsonArray();
            list.forEach(n -> items.add(newsJson(n)));
            return new JsonObject().put("items", items);
        }));
    }

    private static JsonObject newsJson(CampaignRepository.News n) {
        return new JsonObject().put("id", n.id()).put("title", n.title()).put("content_html", n.contentHtml())
                .put("author", n.authorUsername()).put("published_at", n.publishedAt().toString());
    }

    private void postNews(RoutingContext ctx) {
        reply(ctx, 201, campaigns.campaigns().postNews(member(ctx), id(ctx), JsonApi.body(ctx)).map(CampaignRoutes::newsJson));
    }

    private void pledge(RoutingContext ctx) {
        Map<String, Object> body = new HashMap<>(ExactJson.body(ctx).getMap());
        reply(ctx, 201, campaigns.pledges().pledgeAsMember(member(ctx), id(ctx), body)
                .map(made -> CampaignJson.pledge(made.pledge(), true)
                        .put("payment", CampaignJson.instructions(made.instructions()))));
    }

    private void mine(RoutingContext ctx) {
        reply(ctx, 200, campaigns.pledges().ofMember(member(ctx)).map(CampaignRoutes::pledges));
    }

    private void pledgesOfCampaign(RoutingContext ctx) {
        reply(ctx, 200, campaigns.pledges().ofCampaignForTreasurer(member(ctx), id(ctx)).map(CampaignRoutes::pledges));
    }

    private static JsonObject pledges(List<Pledge> list) {
        JsonArray items = new JsonArray();
        list.forEach(p -> items.add(CampaignJson.pledge(p, true)));
        return new JsonObject().put("items", items);
    }

    private void treasurer(RoutingContext ctx, String action) {
        JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : JsonApi.body(ctx);
        Member m = member(ctx);
        long id = id(ctx);
        Future<Pledge> done = switch (action) {
            case "receive" -> campaigns.pledges().receive(m, id, body);
            case "refund" -> campaigns.pledges().refund(m, id, body);
            default -> campaigns.pledges().release(m, id, body);
        };
        reply(ctx, 200, done.map(p -> CampaignJson.pledge(p, true)));
    }

    private void expense(RoutingContext ctx) {
        reply(ctx, 201, campaigns.pledges().recordExpense(member(ctx), id(ctx), ExactJson.body(ctx))
                .map(id -> new JsonObject().put("id", id)));
    }

    private void publicLedger(RoutingContext ctx) {
        long id = id(ctx);
        reply(ctx, 200, campaigns.campaigns().show(id, null).compose(s -> campaigns.core().ledger
                .entries(campaigns.core().pool, CampaignAccounts.SCOPE, id).map(entries -> {
                    JsonArray items = new JsonArray();
                    entries.forEach(e -> items.add(CampaignJson.entry(e, s.campaign())));
                    return new JsonObject().put("progress", CampaignJson.progress(s.campaign(), s.progress(),
                            campaigns.core().now())).put("entries", items);
                })));
    }

    private void csv(RoutingContext ctx) {
        long id = id(ctx);
        Member m = member(ctx);
        campaigns.pledges().ofCampaignForTreasurer(m, id)
                .compose(pledges -> campaigns.core().campaign(campaigns.core().pool, id)
                        .compose(c -> campaigns.core().ledger.entries(campaigns.core().pool, CampaignAccounts.SCOPE, id)
                                .map(entries -> ledgerCsv(c, pledges, entries))))
                .onFailure(ctx::fail)
                .onSuccess(text -> ctx.response()
                        .putHeader("Content-Type", "text/csv; charset=utf-8; header=present")
                        .putHeader("Content-Disposition", "attachment; filename=\"campaign-" + id + "-ledger.csv\"")
                        .putHeader("Cache-Control", "no-store")
                        .end(text));
    }

    /** One line per ledger entry, with the pledge's donor where it concerns a pledge. */
    static String ledgerCsv(Campaign c, List<Pledge> pledges, List<Ledger.Recorded> entries) {
        Map<Long, Pledge> byId = new HashMap<>();
        pledges.forEach(p -> byId.put(p.id(), p));
        Csv csv = new Csv().row("entry", "recorded_at", "kind", "amount", "currency", "subject", "donor", "email",
                "public_name", "payment_method", "reference", "recorded_by", "memo");
        for (Ledger.Recorded e : entries) {
            Pledge p = "pledge".equals(e.subjectKind()) ? byId.get(e.subjectId()) : null;
            csv.row(Long.toString(e.id()), e.recordedAt().toInstant().toString(), e.kind(),
                    new Money(e.amount(), c.currency()).plain(), e.currency(), e.subjectKind() + ":" + e.subjectId(),
                    p == null ? null : ReceiptPdf.donorName(p), p == null ? null : p.donorEmail(),
                    p == null ? null : p.publicName(), p == null ? null : p.paymentMethod(), e.reference(),
                    e.recordedBy(), e.memo());
        }
        return csv.toString();
    }

    private void issueReceipt(RoutingContext ctx) {
        campaigns.receipts().issue(member(ctx), id(ctx))
                .onFailure(ctx::fail)
                .onSuccess(issued -> JsonApi.send(ctx, issued.created() ? 201 : 200, CampaignJson.receipt(issued.receipt())));
    }

    private void receipt(RoutingContext ctx) {
        long id = id(ctx);
        campaigns.receipts().pdf(member(ctx), id)
                .onFailure(ctx::fail)
                .onSuccess(pdf -> ctx.response()
                        .putHeader("Content-Type", "application/pdf")
                        .putHeader("Content-Disposition", "inline; filename=\"recu-fiscal-" + id + ".pdf\"")
                        .putHeader("Cache-Control", "no-store")
                        .end(io.vertx.core.buffer.Buffer.buffer(pdf)));
    }

    private void funding(RoutingContext ctx) {
        reply(ctx, 200, campaigns.campaigns().fundingSettings(member(ctx), ctx.pathParam("name")).map(FundingSettings::toJson));
    }

    private void setFunding(RoutingContext ctx) {
        reply(ctx, 200, campaigns.campaigns().setFundingSettings(member(ctx), ctx.pathParam("name"), JsonApi.body(ctx))
                .map(FundingSettings::toJson));
    }
}
