package coop.entraide.node.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.http.Html;
import coop.entraide.node.ledger.Money;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Context;
import coop.entraide.protocol.as.Entraide;
import coop.entraide.protocol.as.EntraideCampaigns;
import coop.entraide.protocol.as.Normalize;
import coop.entraide.protocol.as.Sec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Campaigns and pledges as ActivityStreams documents, both ways. Pure: no database, no network.
 *
 * <p>A campaign is an object of type {@code ["Note", "Campaign"]}: servers that know Entraide's
 * terms read {@code goal}, {@code raised}, {@code contributors} and the rest; Mastodon and its kin
 * show a readable post (title, goal, progress, end date, link) with the image attached. Its end
 * is ActivityStreams {@code endTime}. A pledge from another server is an {@code Offer} whose object
 * is a {@code Pledge} and whose target is the campaign.
 */
public final class CampaignDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** Where a campaign lives and who publishes it. */
    public record Addresses(String campaignUri, String collectiveUri, String followersUri) {
    }

    private CampaignDocuments() {
    }

    /** The {@code @context} of campaign and pledge documents: AS, data integrity, and our terms inline. */
    public static Context context() {
        Context c = Context.activityStreams()
                .with(Sec.DATA_INTEGRITY_V2)
                .term(EntraideCampaigns.CAMPAIGN, Entraide.NS + EntraideCampaigns.CAMPAIGN)
                .term(EntraideCampaigns.PLEDGE, Entraide.NS + EntraideCampaigns.PLEDGE)
                .term(EntraideCampaigns.CURRENCY, Entraide.NS + EntraideCampaigns.CURRENCY)
                .term(EntraideCampaigns.CAMPAIGN_STATE, Entraide.NS + EntraideCampaigns.CAMPAIGN_STATE)
                .term(EntraideCampaigns.CAMPAIGN_RULE, Entraide.NS + EntraideCampaigns.CAMPAIGN_RULE)
                .term(EntraideCampaigns.PLEDGE_STATE, Entraide.NS + EntraideCampaigns.PLEDGE_STATE)
                .term(EntraideCampaigns.PAYMENT_REFERENCE, Entraide.NS + EntraideCampaigns.PAYMENT_REFERENCE);
        for (String decimal : List.of(EntraideCampaigns.GOAL, EntraideCampaigns.RAISED, EntraideCampaigns.RECEIVED,
                EntraideCampaigns.PROMISED, EntraideCampaigns.AMOUNT, EntraideCampaigns.TIP)) {
            c = c.term(decimal, typed(Entraide.NS + decimal, EntraideCampaigns.XSD_DECIMAL));
        }
        return c.term(EntraideCampaigns.CONTRIBUTORS,
                typed(Entraide.NS + EntraideCampaigns.CONTRIBUTORS, EntraideCampaigns.XSD_NON_NEGATIVE_INTEGER));
    }

    private static ObjectNode typed(String iri, String type) {
        ObjectNode definition = NODES.objectNode();
        definition.put("@id", iri);
        definition.put("@type", type);
        return definition;
    }

    // ---- campaigns ----------------------------------------------------------------------------

    /** The campaign object, public, with its current totals (without a proof). */
    public static ObjectNode toAs(Campaign c, Progress p, Addresses at) {
        ObjectNode o = NODES.objectNode();
        o.put(As.ID, at.campaignUri());
        ArrayNode types = o.putArray(As.TYPE);
        types.add(As.NOTE);
        types.add(EntraideCampaigns.CAMPAIGN);
        o.put(As.ATTRIBUTED_TO, at.collectiveUri());
        o.put("name", c.title());
        o.put("content", content(c, p, at));
        o.put("mediaType", "text/html");
        o.put("url", at.campaignUri());
        o.putArray(As.TO).add(As.PUBLIC);
        o.putArray(As.CC).add(at.followersUri());
        o.put("published", time(c.publishedAt() == null ? c.createdAt() : c.publishedAt()));
        o.put("updated", time(c.updatedAt()));
        o.put("startTime", time(c.startsAt()));
        o.put("endTime", time(c.endsAt()));
        o.put(EntraideCampaigns.CURRENCY, c.goal().code());
        o.put(EntraideCampaigns.GOAL, c.goal().plain());
        o.put(EntraideCampaigns.RAISED, p.raised().plain());
        o.put(EntraideCampaigns.RECEIVED, p.received().plain());
        o.put(EntraideCampaigns.PROMISED, p.promised().plain());
        o.put(EntraideCampaigns.CONTRIBUTORS, p.contributors());
        o.put(EntraideCampaigns.CAMPAIGN_STATE, c.state().value());
        o.put(EntraideCampaigns.CAMPAIGN_RULE, c.rule().value());
        if (c.imageUrl() != null) {
            ObjectNode image = o.putArray("attachment").addObject();
            image.put(As.TYPE, As.IMAGE);
            String mediaType = imageMediaType(c.imageUrl());
            if (mediaType != null) {
                image.put("mediaType", mediaType);
            }
            image.put("url", c.imageUrl());
            image.put("name", c.title());
        }
        return context().wrap(o);
    }

    /** What a reader without our vocabulary sees: title, goal, progress, end date, link. */
    static String content(Campaign c, Progress p, Addresses at) {
        StringBuilder sb = new StringBuilder();
        sb.append("<p><strong>").append(Html.escape(c.title())).append("</strong></p>");
        if (!c.descriptionHtml().isBlank()) {
            sb.append(c.descriptionHtml());
        }
        sb.append("<p>Goal: ").append(Html.escape(p.goal().toString()))
                .append(" · raised: ").append(Html.escape(p.raised().toString()))
                .append(" (").append(p.percent()).append(" %)")
                .append(" · ").append(p.contributors()).append(p.contributors() == 1 ? " contributor" : " contributors")
                .append("</p>");
        String end = DAY.format(c.endsAt().atOffset(ZoneOffset.UTC));
        sb.append("<p>").append(switch (c.state()) {
            case SUCCEEDED -> "Ended on " + end + ": goal reached. Thank you!";
            case FAILED -> "Ended on " + end + " without reaching its goal.";
            case CANCELLED -> "Cancelled.";
            default -> "Open until " + end + ".";
        }).append("</p>");
        sb.append("<p><a href=\"").append(Html.escape(at.campaignUri())).append("\">")
                .append(c.state() == CampaignState.OPEN ? "Pledge or read more" : "Read more").append("</a></p>");
        return sb.toString();
    }

    private static String imageMediaType(String url) {
        String path = url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".gif")) {
            return "image/gif";
        }
        return null;
    }

    /** {@code Create} (on publication) or {@code Update} (edits, progress, close) of the campaign object. */
    public static ObjectNode activity(String type, String activityId, ObjectNode campaign, Addresses at, Instant now) {
        ObjectNode a = newActivity(activityId, type, at.collectiveUri());
        a.putArray(As.TO).add(As.PUBLIC);
        a.putArray(As.CC).add(at.followersUri());
        a.put("published", time(now));
        ObjectNode object = campaign.deepCopy();
        if (!object.has("proof")) {
            // A signed object keeps its own context: its proof covers it.
            object.remove(Context.KEYWORD);
        }
        a.set(As.OBJECT_PROPERTY, object);
        return context().wrap(a);
    }

    /**
     * The {@code Create} of a news post: a {@code Note} by the collective, in the campaign's
     * {@code context} (FEP-7888), for its followers and, in {@code cc}, the remote contributors.
     * {@code note} is the object built by {@link #newsNote}, signed by the caller.
     */
    public static ObjectNode newsActivity(String activityId, ObjectNode note, Instant now) {
        ObjectNode a = NODES.objectNode();
        a.put(As.ID, activityId);
        a.put(As.TYPE, As.CREATE);
        a.set(As.ACTOR, note.get(As.ATTRIBUTED_TO));
        a.set(As.TO, note.get(As.TO).deepCopy());
        a.set(As.CC, note.get(As.CC).deepCopy());
        a.put("published", time(now));
        a.set(As.OBJECT_PROPERTY, note);
        return context().wrap(a);
    }

    /** The news post as a {@code Note}; its {@code name} is the title, its {@code content} the sanitised HTML. */
    public static ObjectNode newsNote(String noteId, String title, String html, Addresses at, List<String> contributors,
                                      Instant published) {
        ObjectNode note = NODES.objectNode();
        note.put(As.ID, noteId);
        note.put(As.TYPE, As.NOTE);
        note.put(As.ATTRIBUTED_TO, at.collectiveUri());
        note.put("context", at.campaignUri());
        note.put("name", title);
        note.put("content", html);
        note.put("published", time(published));
        note.putArray(As.TO).add(at.followersUri());
        ArrayNode cc = note.putArray(As.CC);
        contributors.forEach(cc::add);
        return context().wrap(note);
    }

    // ---- pledges from other servers -----------------------------------------------------------

    /** A pledge another Entraide node sent for one of its members, as read from its {@code Offer}. */
    public record RemotePledge(String activityUri, String actorUri, String campaignUri, Object amount, Object tip,
                               String currency, String publicName, String message) {
    }

    public sealed interface ParsedPledge {
        record Valid(RemotePledge pledge) implements ParsedPledge {
        }

        record Invalid(String reason) implements ParsedPledge {
        }
    }

    /**
     * The {@code Offer} of a {@code Pledge} one of our members sends to another node's campaign
     * ({@code target}), addressed to the campaign's collective. {@code publicName} null is anonymous.
     */
    public static ObjectNode pledgeOffer(String activityId, String donorUri, String collectiveUri, String campaignUri,
                                         Money amount, Money tip, String publicName, String message, Instant now) {
        ObjectNode pledge = NODES.objectNode();
        pledge.put(As.TYPE, EntraideCampaigns.PLEDGE);
        pledge.put(EntraideCampaigns.CURRENCY, amount.code());
        pledge.put(EntraideCampaigns.AMOUNT, amount.plain());
        pledge.put(EntraideCampaigns.TIP, tip.plain());
        if (publicName != null) {
            pledge.put("name", publicName);
        }
        if (message != null) {
            pledge.put("content", message);
        }
        ObjectNode a = newActivity(activityId, As.OFFER, donorUri);
        a.set(As.OBJECT_PROPERTY, pledge);
        a.put(As.TARGET, campaignUri);
        return sentTo(a, collectiveUri, now);
    }

    /** {@code Undo} of a pledge's Offer by its donor: a promised pledge is let go. */
    public static ObjectNode undoPledge(String activityId, String donorUri, String collectiveUri, String offerId,
                                        Instant now) {
        ObjectNode offer = NODES.objectNode();
        offer.put(As.ID, offerId);
        offer.put(As.TYPE, As.OFFER);
        offer.put(As.ACTOR, donorUri);
        ObjectNode a = newActivity(activityId, As.UNDO, donorUri);
        a.set(As.OBJECT_PROPERTY, offer);
        return sentTo(a, collectiveUri, now);
    }

    /** Reads an {@code Offer} of a {@code Pledge}; never throws on malformed input. */
    public static ParsedPledge pledgeFromAs(JsonNode activity) {
        try {
            ObjectNode a = Normalize.object(activity, "");
            if (!Normalize.types(a).contains(As.OFFER)) {
                return new ParsedPledge.Invalid("not an Offer");
            }
            String id = Normalize.httpUri(a, As.ID, true);
            String actor = actorId(a);
            ObjectNode pledge = Normalize.object(a.get(As.OBJECT_PROPERTY), As.OBJECT_PROPERTY);
            if (!Normalize.types(pledge).contains(EntraideCampaigns.PLEDGE)) {
                return new ParsedPledge.Invalid("the offered object is not a Pledge");
            }
            String target = Normalize.ref(a, As.TARGET) == null ? null : Normalize.ref(a, As.TARGET).id();
            if (target == null) {
                return new ParsedPledge.Invalid("target: the campaign is missing");
            }
            String currency = Normalize.text(pledge, EntraideCampaigns.CURRENCY);
            return new ParsedPledge.Valid(new RemotePledge(id, actor, target, decimal(pledge, EntraideCampaigns.AMOUNT),
                    decimal(pledge, EntraideCampaigns.TIP), currency, Normalize.text(pledge, "name"),
                    Normalize.text(pledge, "content")));
        } catch (Normalize.Malformed e) {
            return new ParsedPledge.Invalid(e.getMessage());
        }
    }

    private static String actorId(ObjectNode a) throws Normalize.Malformed {
        var ref = Normalize.ref(a, As.ACTOR);
        if (ref == null || ref.id() == null) {
            throw new Normalize.Malformed(As.ACTOR, "missing");
        }
        return ref.id();
    }

    /** An amount as a decimal string, or an exact JSON number; left to the service's rules to judge. */
    private static Object decimal(ObjectNode node, String field) throws Normalize.Malformed {
        JsonNode v = node.get(field);
        if (Normalize.absent(v)) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        throw new Normalize.Malformed(field, "expected a decimal, got " + Normalize.kind(v));
    }

    /** The pledge as its donor's server sees it: state, amounts and the payment reference. */
    public static ObjectNode pledgeToAs(Pledge p, String pledgeUri, String campaignUri) {
        ObjectNode o = NODES.objectNode();
        o.put(As.ID, pledgeUri);
        o.put(As.TYPE, EntraideCampaigns.PLEDGE);
        o.put(As.ATTRIBUTED_TO, p.donorActorUri());
        o.put(As.TARGET, campaignUri);
        o.put(EntraideCampaigns.CURRENCY, p.amount().code());
        o.put(EntraideCampaigns.AMOUNT, p.amount().plain());
        o.put(EntraideCampaigns.TIP, p.tip().plain());
        o.put(EntraideCampaigns.PLEDGE_STATE, p.state().value());
        o.put(EntraideCampaigns.PAYMENT_REFERENCE, p.paymentReference());
        o.put("published", time(p.createdAt()));
        o.put("updated", time(p.updatedAt()));
        return o;
    }

    /** {@code Accept} of a remote pledge, with the pledge as recorded (and how to pay) as its result. */
    public static ObjectNode acceptPledge(String activityId, String collectiveUri, Pledge p, String pledgeUri,
                                          String campaignUri, Instant now) {
        ObjectNode a = newActivity(activityId, As.ACCEPT, collectiveUri);
        a.put(As.OBJECT_PROPERTY, p.remoteActivityUri());
        a.set(As.RESULT, pledgeToAs(p, pledgeUri, campaignUri));
        return sentTo(a, p.donorActorUri(), now);
    }

    /** {@code Reject} of a remote pledge, saying why in {@code summary}. */
    public static ObjectNode rejectPledge(String activityId, String collectiveUri, String offerId, String donorUri,
                                          String reason, Instant now) {
        ObjectNode a = newActivity(activityId, As.REJECT, collectiveUri);
        a.put(As.OBJECT_PROPERTY, offerId);
        a.put("summary", reason);
        return sentTo(a, donorUri, now);
    }

    /** {@code Update} of a remote pledge whose state changed, to its donor only. */
    public static ObjectNode pledgeStateChanged(String activityId, String collectiveUri, Pledge p, String pledgeUri,
                                                String campaignUri, Instant now) {
        ObjectNode a = newActivity(activityId, As.UPDATE, collectiveUri);
        a.set(As.OBJECT_PROPERTY, pledgeToAs(p, pledgeUri, campaignUri));
        return sentTo(a, p.donorActorUri(), now);
    }

    /** An activity's first lines: its id, its type and who does it. */
    private static ObjectNode newActivity(String id, String type, String actor) {
        ObjectNode a = NODES.objectNode();
        a.put(As.ID, id);
        a.put(As.TYPE, type);
        a.put(As.ACTOR, actor);
        return a;
    }

    /** An activity's last lines: its one recipient and when it was published; then its context. */
    private static ObjectNode sentTo(ObjectNode a, String recipient, Instant now) {
        a.putArray(As.TO).add(recipient);
        a.put("published", time(now));
        return context().wrap(a);
    }

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static String plain(BigDecimal amount, java.util.Currency currency) {
        return new Money(amount, currency).plain();
    }
}
