package coop.entraide.node.offers;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.CoarseLocation;
import coop.entraide.protocol.offers.Condition;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.Money;
import coop.entraide.protocol.offers.OfferKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads the JSON bodies of the offers API into values, collecting every wrong field into one
 * 422 problem (RFC 9457, with an {@code errors} list naming each field).
 */
final class OfferRequests {
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_ALT = 1500;
    static final int MAX_FEEDBACK = 500;
    static final Set<String> LANGUAGES = Set.of("fr", "en");

    private final List<FieldError> errors = new ArrayList<>();
    private final JsonObject body;

    private OfferRequests(JsonObject body) {
        this.body = body;
    }

    /** A complete offer; throws a 422 naming every wrong field. */
    static OfferDraft draft(JsonObject body) {
        OfferRequests r = new OfferRequests(body);
        OfferDraft draft = r.readDraft();
        r.failIfAny();
        return draft;
    }

    /** A response's message: optional text up to 2000 characters. */
    static String responseMessage(JsonObject body) {
        OfferRequests r = new OfferRequests(body);
        String message = r.text("message", 2000, false);
        r.failIfAny();
        return message == null ? "" : message;
    }

    /** Feedback: 1 to 500 characters. */
    static String feedback(JsonObject body) {
        OfferRequests r = new OfferRequests(body);
        String text = r.text("text", MAX_FEEDBACK, true);
        r.failIfAny();
        return text;
    }

    private void failIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private OfferDraft readDraft() {
        OfferKind kind = choice("kind", OfferKind::parse, true, keys(OfferKind.values()));
        String title = text("title", FederatedOffer.MAX_TITLE, true);
        String description = text("description", MAX_DESCRIPTION, false);
        String language = Optional.ofNullable(text("language", 5, false)).orElse("fr");
        if (!LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "language must be fr or en"));
        }
        Category category = choice("category", Category::parse, true,
                Arrays.stream(Category.values()).map(Category::key).collect(Collectors.joining(", ")));
        Condition condition = choice("condition", Condition::parse, false,
                Arrays.stream(Condition.values()).map(Condition::key).collect(Collectors.joining(", ")));
        Money price = money("price");
        Money deposit = money("deposit");
        Integer loanPeriod = integer("loan_period_days", 1, 365);
        if (kind == OfferKind.SELL && price == null && !hasError("price")) {
            errors.add(new FieldError("price", "a sale needs a price"));
        }
        if (kind != null && kind != OfferKind.SELL && body.containsKey("price") && body.getValue("price") != null) {
            errors.add(new FieldError("price", "only a sale has a price"));
        }
        if (kind != null && kind != OfferKind.LEND) {
            if (body.getValue("deposit") != null) {
                errors.add(new FieldError("deposit", "only a loan has a deposit"));
            }
            if (body.getValue("loan_period_days") != null) {
                errors.add(new FieldError("loan_period_days", "only a loan has a loan period"));
            }
        }
        CoarseLocation location = location();
        OffsetDateTime from = instant("available_from");
        OffsetDateTime until = instant("available_until");
        if (from != null && until != null && until.isBefore(from)) {
            errors.add(new FieldError("available_until", "available_until must not be before available_from"));
        }
        Visibility visibility = Optional.ofNullable(choice("visibility", Visibility::parse, false,
                "public, followers, members")).orElse(Visibility.PUBLIC);
        List<OfferDraft.PhotoRef> photos = photos();
        Integer expires = integer("expires_in_days", 1, 365);
        return new OfferDraft(kind, title, description == null ? "" : description, language, category, condition,
                price, deposit, loanPeriod, location, from, until, visibility, photos, expires);
    }

    private boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().startsWith(field));
    }

    private String text(String field, int max, boolean required) {
        Object value = body.getValue(field);
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, field + " is required"));
            }
            return null;
        }
        if (!(value instanceof String s)) {
            errors.add(new FieldError(field, field + " must be a string"));
            return null;
        }
        String stripped = s.strip();
        if (required && stripped.isEmpty()) {
            errors.add(new FieldError(field, field + " must not be empty"));
            return null;
        }
        if (stripped.codePointCount(0, stripped.length()) > max) {
            errors.add(new FieldError(field, field + " must have at most " + max + " characters"));
            return null;
        }
        return stripped;
    }

    private <T> T choice(String field, java.util.function.Function<String, Optional<T>> parse, boolean required,
            String allowed) {
        Object value = body.getValue(field);
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, field + " is required: one of " + allowed));
            }
            return null;
        }
        Optional<T> parsed = value instanceof String s ? parse.apply(s) : Optional.empty();
        if (parsed.isEmpty()) {
            errors.add(new FieldError(field, field + " must be one of " + allowed));
            return null;
        }
        return parsed.get();
    }

    private Integer integer(String field, int min, int max) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer i) || i < min || i > max) {
            errors.add(new FieldError(field, field + " must be a whole number from " + min + " to " + max));
            return null;
        }
        return i;
    }

    /** {@code {"amount": "12.50", "currency": "EUR"}}; the amount as text or a whole number, never a float. */
    private Money money(String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            errors.add(new FieldError(field, field + " must be an object with amount and currency"));
            return null;
        }
        Object amount = object.getValue("amount");
        String amountText;
        if (amount instanceof String s) {
            amountText = s;
        } else if (amount instanceof Integer || amount instanceof Long) {
            amountText = amount.toString();
        } else {
            errors.add(new FieldError(field + ".amount",
                    "amount must be a decimal written as a string, such as \"12.50\""));
            return null;
        }
        Object currency = object.getValue("currency");
        if (currency != null && !(currency instanceof String)) {
            errors.add(new FieldError(field + ".currency", "currency must be an ISO 4217 code such as EUR"));
            return null;
        }
        Parsed<Money> money = Money.parse(amountText, (String) currency);
        if (money instanceof Parsed.Invalid<Money> invalid) {
            String part = invalid.reason().startsWith("currency") ? ".currency" : ".amount";
            errors.add(new FieldError(field + part, invalid.reason()));
            return null;
        }
        return money.toOptional().orElseThrow();
    }

    private CoarseLocation location() {
        Object value = body.getValue("location");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            errors.add(new FieldError("location", "location must be an object with neighbourhood, latitude and longitude"));
            return null;
        }
        Object name = object.getValue("neighbourhood");
        if (name != null && (!(name instanceof String s) || s.isBlank() || s.length() > 100)) {
            errors.add(new FieldError("location.neighbourhood", "neighbourhood must be a name of 1 to 100 characters"));
            return null;
        }
        Double latitude = coordinate(object, "latitude", 90);
        Double longitude = coordinate(object, "longitude", 180);
        if (latitude == null || longitude == null) {
            return null;
        }
        return CoarseLocation.rounded(name == null ? null : ((String) name).strip(), latitude, longitude);
    }

    private Double coordinate(JsonObject object, String field, double limit) {
        Object value = object.getValue(field);
        if (!(value instanceof Number n) || !(Math.abs(n.doubleValue()) <= limit)) {
            errors.add(new FieldError("location." + field, field + " must be a number from -" + (int) limit + " to "
                    + (int) limit));
            return null;
        }
        return n.doubleValue();
    }

    private OffsetDateTime instant(String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof String s) {
                return OffsetDateTime.parse(s);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, field + " must be a date and time such as 2025-05-01T09:00:00Z"));
        return null;
    }

    private List<OfferDraft.PhotoRef> photos() {
        Object value = body.getValue("photos");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            errors.add(new FieldError("photos", "photos must be a list"));
            return List.of();
        }
        if (array.size() > FederatedOffer.MAX_PHOTOS) {
            errors.add(new FieldError("photos", "an offer has at most " + FederatedOffer.MAX_PHOTOS + " photos"));
            return List.of();
        }
        List<OfferDraft.PhotoRef> photos = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "photos[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject photo)) {
                errors.add(new FieldError(field, "each photo must be an object with media_id and alt"));
                continue;
            }
            UUID id = uuid(photo.getValue("media_id"));
            if (id == null) {
                errors.add(new FieldError(field + ".media_id", "media_id must be the id of an uploaded photo"));
            }
            Object alt = photo.getValue("alt");
            if (!(alt instanceof String a) || a.isBlank()) {
                errors.add(new FieldError(field + ".alt", "describe the photo for people who cannot see it (alt text)"));
            } else if (a.length() > MAX_ALT) {
                errors.add(new FieldError(field + ".alt", "alt text must have at most " + MAX_ALT + " characters"));
            } else if (id != null) {
                photos.add(new OfferDraft.PhotoRef(id, a.strip()));
            }
        }
        return photos;
    }

    static UUID uuid(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String keys(OfferKind[] kinds) {
        return Arrays.stream(kinds).map(OfferKind::key).collect(Collectors.joining(", "));
    }
}
