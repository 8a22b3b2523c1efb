package coop.entraide.node.offers;

import coop.entraide.protocol.offers.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** Offers, responses and history as the JSON API shows them. */
final class OfferJson {
    private OfferJson() {
    }

    static JsonObject offer(Offer o, OfferAs as) {
        JsonObject json = new JsonObject()
                .put("id", o.publicId().toString())
                .put("uri", o.uri())
                .put("local", o.local())
                .put("kind", o.kind().key())
                .put("state", o.state().key())
                .put("title", o.title())
                .put("description", o.description())
                .put("description_html", o.descriptionHtml())
                .put("language", o.language())
                .put("category", new JsonObject().put("key", o.category().key())
                        .put("label", o.category().label(o.language())))
                .put("condition", o.condition() == null ? null : o.condition().key())
                .put("price", money(o.price()))
                .put("deposit", money(o.deposit()))
                .put("loan_period_days", o.loanPeriodDays())
                .put("location", o.hasPoint() || o.neighbourhood() != null ? new JsonObject()
                        .put("neighbourhood", o.neighbourhood())
                        .put("latitude", o.latitude())
                        .put("longitude", o.longitude())
                        .put("precision_m", 1000) : null)
                .put("available_from", time(o.availableFrom()))
                .put("available_until", time(o.availableUntil()))
                .put("visibility", o.visibility().key())
                .put("author", new JsonObject().put("uri", o.authorUri()).put("username", o.authorUsername())
                        .put("acct", o.authorUsername() + (o.authorDomain().isEmpty() ? "" : "@" + o.authorDomain()))
                        .put("display_name", o.authorName()))
                .put("collective", o.collectiveUri() == null ? null
                        : new JsonObject().put("uri", o.collectiveUri()).put("username", o.collectiveUsername()))
                .put("published_at", time(o.publishedAt()))
                .put("updated_at", time(o.updatedAt()))
                .put("expires_at", time(o.expiresAt()));
        if (o.loanDueAt() != null) {
            json.put("loan", new JsonObject().put("borrower", o.borrowerUri()).put("due_at", time(o.loanDueAt())));
        }
        JsonArray photos = new JsonArray();
        o.photos().forEach(p -> photos.add(new JsonObject()
                .put("media_id", p.mediaId() == null ? null : p.mediaId().toString())
                .put("url", as.photoUrl(p))
                .put("preview_url", as.previewUrl(p))
                .put("media_type", p.mediaType())
                .put("alt", p.alt())
                .put("blurhash", p.blurhash())
                .put("width", p.width())
                .put("height", p.height())));
        return json.put("photos", photos);
    }

    /** The author's fields in request form, so that an edit is the offer with the patch applied. */
    static JsonObject draftJson(Offer o) {
        JsonArray photos = new JsonArray();
        o.photos().forEach(p -> photos.add(new JsonObject()
                .put("media_id", p.mediaId() == null ? null : p.mediaId().toString()).put("alt", p.alt())));
        JsonObject json = new JsonObject()
                .put("kind", o.kind().key())
                .put("title", o.title())
                .put("description", o.description())
                .put("language", o.language())
                .put("category", o.category().key())
                .put("condition", o.condition() == null ? null : o.condition().key())
                .put("price", money(o.price()))
                .put("deposit", money(o.deposit()))
                .put("loan_period_days", o.loanPeriodDays())
                .put("available_from", time(o.availableFrom()))
                .put("available_until", time(o.availableUntil()))
                .put("visibility", o.visibility().key())
                .put("photos", photos);
        if (o.hasPoint()) {
            json.put("location", new JsonObject().put("neighbourhood", o.neighbourhood())
                    .put("latitude", o.latitude()).put("longitude", o.longitude()));
        }
        return json;
    }

    static JsonObject response(OfferResponse r) {
        return new JsonObject()
                .put("id", r.publicId().toString())
                .put("responder", new JsonObject().put("uri", r.responderUri()).put("username", r.responderUsername())
                        .put("acct", r.responderUsername() + (r.responderDomain().isEmpty() ? "" : "@" + r.responderDomain())))
                .put("message", r.message())
                .put("state", r.state())
                .put("created_at", time(r.createdAt()))
                .put("decided_at", time(r.decidedAt()));
    }

    static JsonObject transition(OfferRepository.Transition t) {
        return new JsonObject().put("from", t.from()).put("to", t.to()).put("by", t.actorUri()).put("at", time(t.at()));
    }

    static JsonObject feedback(ExchangeRepository.Feedback f) {
        return new JsonObject().put("offer", f.offerUri()).put("offer_title", f.offerTitle()).put("from", f.authorUri())
                .put("text", f.text()).put("created_at", time(f.createdAt()));
    }

    private static JsonObject money(Money m) {
        return m == null ? null : new JsonObject().put("amount", m.amountText()).put("currency", m.currency());
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
