package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Ledger;
import coop.entraide.node.ledger.Money;
import coop.entraide.node.payments.PaymentMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Campaigns, pledges and totals as the JSON API shows them. Amounts are decimal strings. */
final class CampaignJson {
    private CampaignJson() {
    }

    static JsonObject money(Money m) {
        return new JsonObject().put("amount", m.plain()).put("currency", m.code());
    }

    static JsonObject campaign(Campaign c, Progress p, String uri, Instant now, Object tipPercent) {
        JsonArray tiers = new JsonArray();
        c.tiers().forEach(t -> tiers.add(new JsonObject()
                .put("amount", new Money(t.amount(), c.currency()).plain())
                .put("title", t.title())
                .put("counterpart", t.counterpart())));
        JsonObject json = new JsonObject()
                .put("id", c.id())
                .put("uri", uri)
                .put("collective", new JsonObject().put("username", c.collectiveUsername()).put("name", c.collectiveName()))
                .put("title", c.title())
                .put("description_html", c.descriptionHtml())
                .put("image_url", c.imageUrl())
                .put("goal", money(c.goal()))
                .put("starts_at", c.startsAt().toString())
                .put("ends_at", c.endsAt().toString())
                .put("rule", c.rule().value())
                .put("free_amount", c.freeAmount())
                .put("state", c.state().value())
                .put("tiers", tiers)
                .put("suggested_tip_percent", tipPercent)
                .put("created_at", c.createdAt().toString())
                .put("published_at", c.publishedAt() == null ? null : c.publishedAt().toString())
                .put("closed_at", c.closedAt() == null ? null : c.closedAt().toString());
        if (p != null) {
            json.put("progress", progress(c, p, now));
        }
        return json;
    }

    static JsonObject progress(Campaign c, Progress p, Instant now) {
        return new JsonObject()
                .put("goal", money(p.goal()))
                .put("received", money(p.received()))
                .put("promised", money(p.promised()))
                .put("raised", money(p.raised()))
                .put("spent", money(p.spent()))
                .put("tips_received", money(p.tipsReceived()))
                .put("tips_promised", money(p.tipsPromised()))
                .put("contributors", p.contributors())
                .put("percent", p.percent())
                .put("days_left", c.state() == CampaignState.OPEN ? Progress.daysLeft(now, c.endsAt()) : 0);
    }

    /** A pledge; {@code full} adds what only the donor and the treasurer see. */
    static JsonObject pledge(Pledge p, boolean full) {
        JsonObject json = new JsonObject()
                .put("id", p.id())
                .put("campaign_id", p.campaignId())
                .put("public_name", p.publicName())
                .put("anonymous", p.anonymous())
                .put("message", p.message())
                .put("amount", money(p.amount()))
                .put("tip", money(p.tip()))
                .put("state", p.state().value())
                .put("created_at", p.createdAt().toString());
        if (full) {
            json.put("donor_kind", p.donorKind().value())
                    .put("donor_username", p.donorUsername())
                    .put("donor_actor_uri", p.donorActorUri())
                    .put("donor_email", p.donorEmail())
                    .put("donor_legal_name", p.donorLegalName())
                    .put("donor_address", p.donorAddress())
                    .put("payment_method", p.paymentMethod())
                    .put("payment_reference", p.paymentReference())
                    .put("updated_at", p.updatedAt().toString());
        }
        return json;
    }

    static JsonObject instructions(PaymentMethod.Instructions i) {
        if (i instanceof PaymentMethod.Instructions.Available a) {
            JsonObject lines = new JsonObject();
            a.lines().forEach(l -> lines.put(l.key(), l.value()));
            return new JsonObject().put("method", a.method()).put("available", true).put("details", lines);
        }
        PaymentMethod.Instructions.Unavailable u = (PaymentMethod.Instructions.Unavailable) i;
        return new JsonObject().put("method", u.method()).put("available", false).put("reason", u.reason());
    }

    /** A ledger entry as the public sees it: no names, only what moved, when, and why. */
    static JsonObject entry(Ledger.Recorded e, Campaign c) {
        return new JsonObject()
                .put("id", e.id())
                .put("kind", e.kind())
                .put("amount", new Money(e.amount(), c.currency()).plain())
                .put("currency", e.currency())
                .put("subject", e.subjectKind() + ":" + e.subjectId())
                .put("recorded_at", e.recordedAt().toInstant().toString());
    }

    /** A tax receipt's number and date; its PDF is at {@code /api/v1/pledges/{id}/receipt.pdf}. */
    static JsonObject receipt(TaxReceipts.Receipt r) {
        return new JsonObject().put("pledge_id", r.pledge().id()).put("number", r.number())
                .put("issued_at", r.issuedAt().toString())
                .put("pdf", "/api/v1/pledges/" + r.pledge().id() + "/receipt.pdf");
    }
}
