package coop.entraide.protocol.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Context;
import coop.entraide.protocol.as.Entraide;
import coop.entraide.protocol.as.Link;
import coop.entraide.protocol.as.Media;
import coop.entraide.protocol.as.Normalize;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.as.Source;
import coop.entraide.protocol.as.Tag;
import coop.entraide.protocol.as.Vf;
import coop.entraide.protocol.html.Sanitizer;
import java.net.URI;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An offer's ActivityStreams form and back (FEP-0837 §Proposal, §Intent; docs/offers-vocabulary.md).
 *
 * <p>The object is a plain {@code Note}: FEP-0837 allows it, Mastodon keeps only Note and Question
 * (PROTOCOL.md §5.2), Misskey reads the first type only, and Pleroma/Akkoma validate {@code type}
 * as one string, so a {@code ["Note","Proposal"]} array would be dropped by some of them. The
 * Note carries the Proposal's terms ({@code purpose}, {@code publishes}, {@code reciprocal},
 * {@code unitBased}) and Entraide's, all declared inline in {@code @context}; marketplace-aware
 * software reads those, everything else shows the readable {@code content}. Reading accepts a
 * Note, a Proposal or both.
 */
public final class OfferDocuments {
    public static final String PRIMARY_FRAGMENT = "#primary";
    public static final String RECIPROCAL_FRAGMENT = "#reciprocal";
    public static final String MARKDOWN = "text/markdown";
    static final String START_TIME = "startTime";
    static final String END_TIME = "endTime";
    static final String LOCATION = "location";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OfferDocuments() {
    }

    /** A reason an offer cannot be read, naming the property. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The complete document, {@code @context} first. {@code tagHref} gives the node's page for a
     * hashtag such as {@code give} or {@code tools}.
     */
    public static ObjectNode toAs(FederatedOffer offer, Function<String, String> tagHref) {
        String html = OfferContent.html(offer, tagHref);
        Addressing a = offer.addressing();
        Addressing addressing = new Addressing(a.to(), a.cc(), List.of(), List.of(),
                offer.collective() == null ? List.of() : List.of(offer.collective()));
        AsObject.Builder note = AsObject.builder(offer.id(), As.NOTE)
                .attributedTo(offer.author())
                .addressing(addressing)
                .name(offer.title())
                .content(html)
                .contentMap(Map.of(offer.language(), html))
                .source(new Source(offer.description(), MARKDOWN))
                .url(offer.url())
                .published(offer.published())
                .updated(offer.updated())
                .sensitive(false)
                .attachment(offer.photos().stream().map(OfferDocuments::media).toList())
                .tag(OfferContent.hashtags(offer).stream()
                        .map(t -> Tag.Hashtag.of(tagHref.apply(t), "#" + t)).toList())
                .extra(Vf.PURPOSE, NODES.textNode(offer.kind().purpose()))
                .extra(Vf.PUBLISHES, primaryIntent(offer))
                .extra(Vf.UNIT_BASED, NODES.booleanNode(false))
                .extra(Entraide.KIND, NODES.textNode(offer.kind().key()))
                .extra(Entraide.STATE, NODES.textNode(offer.state().key()))
                .extra(Entraide.CATEGORY, NODES.textNode(offer.category().key()));
        reciprocalIntent(offer).ifPresent(r -> note.extra(Vf.RECIPROCAL, r));
        if (offer.condition() != null) {
            note.extra(Entraide.CONDITION, NODES.textNode(offer.condition().key()));
        }
        if (offer.deposit() != null) {
            ObjectNode deposit = NODES.objectNode();
            deposit.put(Vf.HAS_NUMERICAL_VALUE, offer.deposit().amountText());
            deposit.put(Entraide.CURRENCY, offer.deposit().currency());
            note.extra(Entraide.DEPOSIT, deposit);
        }
        if (offer.loanPeriod() != null) {
            note.extra(Entraide.LOAN_PERIOD, NODES.textNode(offer.loanPeriod().toString()));
        }
        if (offer.location() != null) {
            note.extra(LOCATION, place(offer.location()));
            note.extra(Entraide.LOCATION_PRECISION, NODES.numberNode(offer.location().precisionMetres()));
        }
        if (offer.availableFrom() != null) {
            note.extra(START_TIME, NODES.textNode(offer.availableFrom().toString()));
        }
        if (offer.availableUntil() != null) {
            note.extra(END_TIME, NODES.textNode(offer.availableUntil().toString()));
        }
        ObjectNode body = note.build().toJson();
        return Entraide.declare(Context.forDocument(body)).wrap(body);
    }

    private static ObjectNode primaryIntent(FederatedOffer offer) {
        boolean service = offer.kind() == OfferKind.SERVICE
                || (offer.kind() == OfferKind.REQUEST && offer.category() == Category.SERVICES);
        return intent(offer.id() + PRIMARY_FRAGMENT, service ? Vf.ACTION_DELIVER_SERVICE : Vf.ACTION_TRANSFER, "1");
    }

    /** A sale asks for money, a swap for something in return; other kinds ask nothing back. */
    private static Optional<ObjectNode> reciprocalIntent(FederatedOffer offer) {
        if (offer.kind() == OfferKind.SELL && offer.price() != null) {
            ObjectNode intent = intent(offer.id() + RECIPROCAL_FRAGMENT, Vf.ACTION_TRANSFER, offer.price().amountText());
            offer.price().wikidataItem().ifPresent(item -> intent.put(Vf.RESOURCE_CONFORMS_TO, item));
            intent.put(Entraide.CURRENCY, offer.price().currency());
            return Optional.of(intent);
        }
        if (offer.kind() == OfferKind.SWAP) {
            return Optional.of(intent(offer.id() + RECIPROCAL_FRAGMENT, Vf.ACTION_TRANSFER, "1"));
        }
        return Optional.empty();
    }

    private static ObjectNode intent(String id, String action, String quantity) {
        ObjectNode intent = NODES.objectNode();
        intent.put(As.TYPE, Vf.INTENT);
        intent.put(As.ID, id);
        intent.put(Vf.ACTION, action);
        ObjectNode amount = intent.putObject(Vf.RESOURCE_QUANTITY);
        amount.put(Vf.HAS_UNIT, Vf.UNIT_ONE);
        amount.put(Vf.HAS_NUMERICAL_VALUE, quantity);
        return intent;
    }

    private static ObjectNode place(CoarseLocation location) {
        ObjectNode place = NODES.objectNode();
        place.put(As.TYPE, As.PLACE);
        if (location.neighbourhood() != null) {
            place.put(As.NAME, location.neighbourhood());
        }
        place.put("latitude", location.latitude());
        place.put("longitude", location.longitude());
        // AS2 Place: how far from the point the offer may be, for consumers without our terms.
        place.put("radius", location.precisionMetres());
        place.put("units", "m");
        return place;
    }

    private static Media media(OfferPhoto photo) {
        return new Media(List.of(As.DOCUMENT), List.of(Link.of(photo.url())), photo.mediaType(), photo.alt(),
                photo.blurhash(), null, photo.width(), photo.height(), Map.of());
    }

    /** Reads an offer received from another server; never throws on malformed input. */
    public static Parsed<FederatedOffer> parse(JsonNode document) {
        Parsed<AsObject> object = AsObject.parse(document);
        if (object instanceof Parsed.Invalid<AsObject> invalid) {
            return Parsed.invalid(invalid.reason());
        }
        try {
            return Parsed.ok(read(object.toOptional().orElseThrow()));
        } catch (Unreadable e) {
            return Parsed.invalid(e.getMessage());
        } catch (RuntimeException e) {
            return Parsed.invalid("not a readable offer: " + e.getClass().getSimpleName());
        }
    }

    /** Whether a document looks like an offer at all (a Proposal, or a Note with FEP-0837 terms). */
    public static boolean looksLikeOffer(JsonNode document) {
        List<String> types = Normalize.typesOf(document);
        return document != null && document.isObject()
                && (types.contains(Vf.PROPOSAL) || (types.contains(As.NOTE) && document.has(Vf.PUBLISHES)));
    }

    private static FederatedOffer read(AsObject o) throws Unreadable {
        if (!o.is(As.NOTE) && !o.is(Vf.PROPOSAL)) {
            throw new Unreadable("type: an offer is a Note or a Proposal");
        }
        Map<String, JsonNode> extra = o.extra();
        String author = o.attributedToId().orElseThrow(() -> new Unreadable("attributedTo: missing"));
        if (!sameOrigin(o.id(), author)) {
            throw new Unreadable("id: the offer and its author are on different servers");
        }
        String purpose = text(extra, Vf.PURPOSE);
        if (!Vf.PURPOSE_OFFER.equals(purpose) && !Vf.PURPOSE_REQUEST.equals(purpose)) {
            throw new Unreadable("purpose: expected offer or request");
        }
        JsonNode publishes = extra.get(Vf.PUBLISHES);
        if (publishes == null || !publishes.isObject()) {
            throw new Unreadable("publishes: the primary Intent is missing");
        }
        String action = textOf(publishes, Vf.ACTION);
        if (!Vf.ACTION_TRANSFER.equals(action) && !Vf.ACTION_DELIVER_SERVICE.equals(action)) {
            throw new Unreadable("publishes.action: expected transfer or deliverService");
        }
        JsonNode reciprocal = extra.get(Vf.RECIPROCAL);
        OfferKind kind = kind(text(extra, Entraide.KIND), purpose, action, reciprocal);
        if ((kind == OfferKind.REQUEST) != Vf.PURPOSE_REQUEST.equals(purpose)) {
            throw new Unreadable("kind: " + kind.key() + " contradicts purpose " + purpose);
        }
        String stateKey = text(extra, Entraide.STATE);
        OfferState state = stateKey == null ? OfferState.AVAILABLE
                : OfferState.parse(stateKey).orElseThrow(() -> new Unreadable("state: unknown " + stateKey));
        String title = o.name() == null ? "" : o.name().strip();
        if (title.isEmpty() || title.length() > FederatedOffer.MAX_TITLE) {
            throw new Unreadable("name: the title must have 1 to " + FederatedOffer.MAX_TITLE + " characters");
        }
        String language = o.contentMap().keySet().stream().findFirst().orElse("fr");
        return new FederatedOffer(
                o.id(),
                o.htmlUrl(),
                author,
                o.addressing().audience().stream().findFirst().orElse(null),
                kind,
                state,
                title,
                description(o),
                language,
                Category.parse(text(extra, Entraide.CATEGORY)).orElse(Category.OTHER),
                Condition.parse(text(extra, Entraide.CONDITION)).orElse(null),
                kind == OfferKind.SELL ? price(reciprocal) : null,
                kind == OfferKind.LEND ? deposit(extra.get(Entraide.DEPOSIT)) : null,
                kind == OfferKind.LEND ? loanPeriod(text(extra, Entraide.LOAN_PERIOD)) : null,
                location(extra),
                instant(extra, START_TIME),
                instant(extra, END_TIME),
                new Addressing(o.addressing().to(), o.addressing().cc(), List.of(), List.of(), List.of()),
                o.published(),
                o.updated(),
                photos(o));
    }

    /** Entraide's own term when present; otherwise what FEP-0837 alone says. */
    private static OfferKind kind(String key, String purpose, String action, JsonNode reciprocal) throws Unreadable {
        if (key != null) {
            return OfferKind.parse(key).orElseThrow(() -> new Unreadable("kind: unknown " + key));
        }
        if (Vf.PURPOSE_REQUEST.equals(purpose)) {
            return OfferKind.REQUEST;
        }
        if (Vf.ACTION_DELIVER_SERVICE.equals(action)) {
            return OfferKind.SERVICE;
        }
        if (reciprocal != null && reciprocal.isObject()) {
            return reciprocal.has(Entraide.CURRENCY) || reciprocal.has(Vf.RESOURCE_CONFORMS_TO)
                    ? OfferKind.SELL : OfferKind.SWAP;
        }
        return OfferKind.GIVE;
    }

    private static String description(AsObject o) {
        Source source = o.source();
        if (source != null && (source.mediaType() == null || MARKDOWN.equals(source.mediaType())
                || "text/plain".equals(source.mediaType()))) {
            return source.content();
        }
        return Sanitizer.toPlainText(o.contentFor(List.of("fr", "en")).orElse(""), 20_000);
    }

    private static Money price(JsonNode reciprocal) throws Unreadable {
        if (reciprocal == null || !reciprocal.isObject()) {
            throw new Unreadable("reciprocal: a sale needs a price");
        }
        JsonNode quantity = reciprocal.get(Vf.RESOURCE_QUANTITY);
        String amount = quantity == null ? null : textOf(quantity, Vf.HAS_NUMERICAL_VALUE);
        String currency = textOf(reciprocal, Entraide.CURRENCY);
        if (currency == null) {
            String item = textOf(reciprocal, Vf.RESOURCE_CONFORMS_TO);
            currency = item == null ? null : Money.currencyOfWikidataItem(item)
                    .orElseThrow(() -> new Unreadable("reciprocal.resourceConformsTo: not a currency we know"));
        }
        return money(amount, currency, "reciprocal");
    }

    private static Money deposit(JsonNode deposit) throws Unreadable {
        if (deposit == null || deposit.isNull()) {
            return null;
        }
        if (!deposit.isObject()) {
            throw new Unreadable("deposit: expected an object");
        }
        return money(textOf(deposit, Vf.HAS_NUMERICAL_VALUE), textOf(deposit, Entraide.CURRENCY), "deposit");
    }

    private static Money money(String amount, String currency, String where) throws Unreadable {
        Parsed<Money> money = Money.parse(amount, currency);
        if (money instanceof Parsed.Invalid<Money> invalid) {
            throw new Unreadable(where + ": " + invalid.reason());
        }
        return money.toOptional().orElseThrow();
    }

    private static Period loanPeriod(String text) throws Unreadable {
        if (text == null) {
            return null;
        }
        try {
            Period period = Period.parse(text).normalized();
            if (period.getYears() != 0 || period.getMonths() != 0 || period.getDays() < 1 || period.getDays() > 365) {
                throw new Unreadable("loanPeriod: expected 1 to 365 days, such as P14D");
            }
            return period;
        } catch (DateTimeParseException e) {
            throw new Unreadable("loanPeriod: not an xsd:duration in days, such as P14D");
        }
    }

    private static CoarseLocation location(Map<String, JsonNode> extra) throws Unreadable {
        JsonNode place = extra.get(LOCATION);
        if (place == null || place.isNull()) {
            return null;
        }
        if (!place.isObject() || !place.path("latitude").isNumber() || !place.path("longitude").isNumber()) {
            throw new Unreadable("location: expected a Place with latitude and longitude");
        }
        double latitude = place.get("latitude").doubleValue();
        double longitude = place.get("longitude").doubleValue();
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new Unreadable("location: coordinates out of range");
        }
        String name = textOf(place, As.NAME);
        // Stored no finer than our own grid, whatever the sender published.
        return CoarseLocation.rounded(name, latitude, longitude);
    }

    private static List<OfferPhoto> photos(AsObject o) {
        List<OfferPhoto> photos = new ArrayList<>();
        for (Media m : o.media()) {
            if (Normalize.isHttpUri(m.href()) && photos.size() < FederatedOffer.MAX_PHOTOS) {
                photos.add(new OfferPhoto(m.href(), m.effectiveMediaType().orElse(null),
                        m.name() == null ? "" : m.name(), m.blurhash(), m.width(), m.height()));
            }
        }
        return photos;
    }

    private static Instant instant(Map<String, JsonNode> extra, String name) throws Unreadable {
        String text = text(extra, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Unreadable(name + ": not a date-time");
        }
    }

    private static String text(Map<String, JsonNode> extra, String name) throws Unreadable {
        JsonNode value = extra.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Unreadable(name + ": expected a string");
        }
        return value.textValue();
    }

    private static String textOf(JsonNode object, String name) throws Unreadable {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Unreadable(name + ": expected a string");
        }
        return value.textValue();
    }

    /** Same scheme, host and port: what a server can vouch for. */
    static boolean sameOrigin(String a, String b) {
        try {
            URI x = URI.create(a);
            URI y = URI.create(b);
            return x.getScheme() != null && x.getScheme().equalsIgnoreCase(y.getScheme())
                    && x.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost())
                    && x.getPort() == y.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
