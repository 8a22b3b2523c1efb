package coop.entraide.node.campaigns;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.Html;
import coop.entraide.node.http.MediaType;
import coop.entraide.node.http.Negotiation;
import coop.entraide.node.http.Routes;
import coop.entraide.node.ledger.Money;
import coop.entraide.node.payments.PaymentMethod;
import coop.entraide.node.store.NodeSettingsRepository;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public side of a campaign: its page (HTML for browsers, the signed ActivityStreams object for
 * servers, by {@code Accept}), the pledge form for visitors, and the transparency page listing
 * contributions (anonymous ones without a name), totals and the expenses the collective reports.
 */
public final class CampaignPages implements Routes {
    private static final List<MediaType> TYPES = List.of(MediaType.HTML, MediaType.ACTIVITY_JSON, MediaType.LD_JSON_AS);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Campaigns campaigns;
    private final FormGuard guard;
    private final NodeSettingsRepository settings = new NodeSettingsRepository();

    CampaignPages(Campaigns campaigns, FormGuard guard) {
        this.campaigns = campaigns;
        this.guard = guard;
    }

    @Override
    public void mount(Router router) {
        router.get("/campaigns/:id").handler(this::page);
        router.post("/campaigns/:id/pledge").handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(this::pledge);
        router.get("/campaigns/:id/transparency").handler(this::transparency);
    }

    private void page(RoutingContext ctx) {
        ctx.response().putHeader("Vary", "Accept");
        Optional<MediaType> type = Negotiation.choose(ctx.request().getHeader("Accept"), TYPES);
        if (type.isEmpty()) {
            ctx.fail(406);
            return;
        }
        long id = CampaignRoutes.id(ctx);
        if (type.get().isJson()) {
            campaigns.campaigns().federated(id).onFailure(ctx::fail).onSuccess(doc -> ctx.response()
                    .putHeader("Content-Type", type.get().contentType())
                    .end(doc.toString()));
            return;
        }
        String token = guard.issue(ctx);
        campaigns.campaigns().show(id, null)
                .compose(s -> tipPercent().map(tip -> render(s, tip, token, List.of(), Map.of())))
                .onFailure(ctx::fail)
                .onSuccess(html -> send(ctx, 200, html));
    }

    private Future<Object> tipPercent() {
        return settings.get(campaigns.core().pool, CampaignRoutes.DEFAULT_TIP_PERCENT).map(v -> v.orElse(10));
    }

    private void pledge(RoutingContext ctx) {
        long id = CampaignRoutes.id(ctx);
        Optional<String> forged = guard.check(ctx);
        if (forged.isPresent()) {
            ctx.fail(ApiException.forbidden(forged.get()));
            return;
        }
        Map<String, Object> form = new HashMap<>();
        ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
        form.remove(FormGuard.FIELD);
        String token = guard.issue(ctx);
        campaigns.pledges().pledgeAsVisitor(id, form)
                .onSuccess(made -> campaigns.campaigns().show(id, null)
                        .onFailure(ctx::fail)
                        .onSuccess(s -> send(ctx, 201, thanks(s, made))))
                .onFailure(e -> {
                    if (e instanceof ApiException api && (api.status() == 422 || api.status() == 409)) {
                        List<String> problems = api.errors().isEmpty() ? List.of(api.detail())
                                : api.errors().stream().map(ApiException.FieldError::message).toList();
                        campaigns.campaigns().show(id, null)
                                .compose(s -> tipPercent().map(tip -> render(s, tip, token, problems, form)))
                                .onFailure(ctx::fail)
                                .onSuccess(html -> send(ctx, api.status(), html));
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private void transparency(RoutingContext ctx) {
        long id = CampaignRoutes.id(ctx);
        CampaignCore core = campaigns.core();
        campaigns.campaigns().show(id, null)
                .compose(s -> core.pledges.ofCampaign(core.pool, id)
                        .compose(pledges -> core.pledges.expenses(core.pool, id)
                                .map(expenses -> transparencyHtml(s, pledges, expenses))))
                .onFailure(ctx::fail)
                .onSuccess(html -> send(ctx, 200, html));
    }

    private static void send(RoutingContext ctx, int status, String html) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; form-action 'self'")
                .end(html);
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + Html.escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
                + "progress{width:100%}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
                + "padding:.3rem;text-align:left}.num{text-align:right}.err{color:#a00}label{display:block;margin:.5rem 0}"
                + "</style></head><body>";
    }

    private static String summary(CampaignService.Shown s) {
        Campaign c = s.campaign();
        Progress p = s.progress();
        StringBuilder sb = new StringBuilder();
        sb.append("<p>By ").append(Html.escape(c.collectiveName())).append("</p>");
        if (c.imageUrl() != null) {
            sb.append("<p><img src=\"").append(Html.escape(c.imageUrl())).append("\" alt=\"\" style=\"max-width:100%\"></p>");
        }
        sb.append("<p><progress max=\"100\" value=\"").append(Math.min(100, p.percent())).append("\"></progress><br>")
                .append(Html.escape(p.raised().toString())).append(" raised of ").append(Html.escape(p.goal().toString()))
                .append(" (").append(p.percent()).append(" %): ").append(Html.escape(p.received().toString()))
                .append(" received, ").append(Html.escape(p.promised().toString())).append(" promised · ")
                .append(p.contributors()).append(" contributors · ");
        if (c.state() == CampaignState.OPEN) {
            sb.append(Progress.daysLeft(Instant.now(), c.endsAt())).append(" days left");
        } else {
            sb.append(Html.escape(c.state().value()));
        }
        sb.append("</p>");
        return sb.toString();
    }

    private String render(CampaignService.Shown s, Object tipPercent, String token, List<String> problems,
                          Map<String, Object> values) {
        Campaign c = s.campaign();
        StringBuilder sb = new StringBuilder(head(c.title()));
        sb.append("<h1>").append(Html.escape(c.title())).append("</h1>").append(summary(s));
        sb.append(c.descriptionHtml());
        sb.append("<p><a href=\"/campaigns/").append(c.id()).append("/transparency\">Where the money goes</a></p>");
        if (c.state() == CampaignState.OPEN) {
            sb.append("<h2>Pledge</h2>");
            for (String problem : problems) {
                sb.append("<p class=\"err\">").append(Html.escape(problem)).append("</p>");
            }
            sb.append("<form method=\"post\" action=\"/campaigns/").append(c.id()).append("/pledge\">")
                    .append("<input type=\"hidden\" name=\"").append(FormGuard.FIELD).append("\" value=\"")
                    .append(Html.escape(token)).append("\">");
            if (!c.tiers().isEmpty()) {
                sb.append("<p>Suggested amounts:</p><ul>");
                for (Tier t : c.tiers()) {
                    sb.append("<li>").append(Html.escape(new Money(t.amount(), c.currency()).toString()));
                    if (!t.title().isEmpty()) {
                        sb.append(": ").append(Html.escape(t.title()));
                    }
                    if (!t.counterpart().isEmpty()) {
                        sb.append(" (").append(Html.escape(t.counterpart())).append(")");
                    }
                    sb.append("</li>");
                }
                sb.append("</ul>");
            }
            sb.append(input("Amount (" + c.goal().code() + ")", "amount", values, "required inputmode=\"decimal\""))
                    .append(input("Tip to the cooperative that runs this site (optional; suggested: " + tipPercent
                            + " % of your gift; leave empty to give nothing)", "tip", values, "inputmode=\"decimal\""))
                    .append(input("E-mail address", "email", values, "required type=\"email\""))
                    .append(input("Name shown publicly (optional)", "public_name", values, ""))
                    .append("<label><input type=\"checkbox\" name=\"anonymous\" value=\"true\"> Stay anonymous</label>")
                    .append(input("Message (optional)", "message", values, ""))
                    .append(input("Name for a tax receipt (optional)", "legal_name", values, ""))
                    .append(input("Postal address for a tax receipt (optional)", "address", values, ""))
                    .append("<p><button type=\"submit\">Pledge</button></p></form>");
        }
        return sb.append("</body></html>").toString();
    }

    private static String input(String label, String name, Map<String, Object> values, String attributes) {
        Object v = values.get(name);
        return "<label>" + Html.escape(label) + "<br><input name=\"" + name + "\" " + attributes
                + (v == null ? "" : " value=\"" + Html.escape(v.toString()) + "\"") + "></label>";
    }

    private String thanks(CampaignService.Shown s, PledgeService.Made made) {
        StringBuilder sb = new StringBuilder(head("Thank you"));
        sb.append("<h1>Thank you!</h1><p>Your pledge of ").append(Html.escape(made.pledge().amount().toString()))
                .append(" to ").append(Html.escape(s.campaign().title())).append(" is recorded as promised.</p>");
        if (made.instructions() instanceof PaymentMethod.Instructions.Available a) {
            sb.append("<h2>How to pay by bank transfer</h2><table>");
            a.lines().forEach(l -> sb.append("<tr><th>").append(Html.escape(l.label())).append("</th><td>")
                    .append(Html.escape(l.value())).append("</td></tr>"));
            sb.append("</table>");
        } else if (made.instructions() instanceof PaymentMethod.Instructions.Unavailable u) {
            sb.append("<p>").append(Html.escape(s.campaign().collectiveName()))
                    .append(" will tell you how to pay (").append(Html.escape(u.reason())).append(").</p>");
        }
        sb.append("<p>Payment reference: <strong>").append(Html.escape(made.pledge().paymentReference()))
                .append("</strong></p><p><a href=\"/campaigns/").append(s.campaign().id()).append("\">Back to the campaign</a></p>");
        return sb.append("</body></html>").toString();
    }

    private static String transparencyHtml(CampaignService.Shown s, List<Pledge> pledges,
                                           List<PledgeRepository.Expense> expenses) {
        Campaign c = s.campaign();
        Progress p = s.progress();
        StringBuilder sb = new StringBuilder(head(c.title() + ": transparency"));
        sb.append("<h1>").append(Html.escape(c.title())).append(": where the money goes</h1>").append(summary(s));
        sb.append("<h2>Totals</h2><table>")
                .append(row("Received", p.received()))
                .append(row("Promised, not yet received", p.promised()))
                .append(row("Spent (reported by the collective)", p.spent()))
                .append(row("Available", p.received().minus(p.spent())))
                .append(row("Tips to the cooperative, received", p.tipsReceived()))
                .append(row("Tips to the cooperative, promised", p.tipsPromised()))
                .append("</table>");
        sb.append("<h2>Contributions</h2><table><tr><th>Date</th><th>From</th><th class=\"num\">Amount</th><th>State</th></tr>");
        for (Pledge pledge : pledges) {
            if (!pledge.state().active()) {
                continue;
            }
            sb.append("<tr><td>").append(DAY.format(pledge.createdAt().atOffset(ZoneOffset.UTC))).append("</td><td>")
                    .append(pledge.anonymous() ? "Anonymous" : Html.escape(pledge.publicName())).append("</td><td class=\"num\">")
                    .append(Html.escape(pledge.amount().toString())).append("</td><td>")
                    .append(pledge.state().value()).append("</td></tr>");
        }
        sb.append("</table><h2>Expenses</h2><table><tr><th>Date</th><th>What</th><th class=\"num\">Amount</th></tr>");
        for (PledgeRepository.Expense e : expenses) {
            sb.append("<tr><td>").append(e.spentOn()).append("</td><td>").append(Html.escape(e.description()))
                    .append("</td><td class=\"num\">").append(Html.escape(new Money(e.amount(), c.currency()).toString()))
                    .append("</td></tr>");
        }
        sb.append("</table><p>Every figure here is summed from the campaign's append-only ledger: <a href=\"/api/v1/campaigns/")
                .append(c.id()).append("/ledger\">the entries</a>.</p>");
        return sb.append("</body></html>").toString();
    }

    private static String row(String label, Money m) {
        return "<tr><th>" + Html.escape(label) + "</th><td class=\"num\">" + Html.escape(m.toString()) + "</td></tr>";
    }
}
