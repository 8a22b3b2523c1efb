package coop.entraide.node.campaigns;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.ledger.Money;
import coop.entraide.node.ledger.MoneyRules;
import coop.entraide.protocol.html.Sanitizer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a campaign as an admin sends it (to create, or the whole result of an edit) and checks
 * every field, collecting all the errors so that a form can show them at once.
 */
final class CampaignInput {
    static final int MAX_TIERS = 20;
    static final Duration MAX_LENGTH = Duration.ofDays(366);

    private CampaignInput() {
    }

    /** What was read: the draft's fields, without the collective and author. */
    record Fields(String title, String descriptionHtml, String imageUrl, Money goal, Instant startsAt, Instant endsAt,
                  CampaignRule rule, boolean freeAmount, List<Tier> tiers) {
        CampaignRepository.Draft draft(long collectiveId, long createdBy) {
            return new CampaignRepository.Draft(collectiveId, title, descriptionHtml, imageUrl, goal.amount(),
                    goal.code(), startsAt, endsAt, rule, freeAmount, tiers, createdBy);
        }
    }

    static Fields parse(JsonObject body, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String title = field(errors, () -> requiredText(body, "title", 200));
        String description = field(errors, () -> optionalText(body, "description", 20_000));
        String image = field(errors, () -> imageUrl(body.getValue("image_url")));
        Currency currency = field(errors, () -> MoneyRules.currency("currency", body.getValue("currency")));
        Money goal = currency == null ? null
                : field(errors, () -> MoneyRules.positive("goal", body.getValue("goal"), currency));
        Instant starts = field(errors, () -> instant("starts_at", body.getValue("starts_at"), now));
        Instant ends = field(errors, () -> instant("ends_at", body.getValue("ends_at"), null));
        CampaignRule rule = field(errors, () -> body.getValue("rule") == null ? CampaignRule.KEEP_WHAT_IS_RAISED
                : CampaignRule.parse("rule", body.getValue("rule")));
        Boolean free = field(errors, () -> bool(body, "free_amount", true));
        List<Tier> tiers = currency == null ? List.of() : tiers(body.getValue("tiers"), currency, errors);
        if (starts != null && ends != null) {
            if (!ends.isAfter(starts)) {
                errors.add(new FieldError("ends_at", "ends_at must be after starts_at"));
            } else if (!ends.isAfter(now)) {
                errors.add(new FieldError("ends_at", "ends_at must be in the future"));
            } else if (Duration.between(starts, ends).compareTo(MAX_LENGTH) > 0) {
                errors.add(new FieldError("ends_at", "a campaign lasts at most 366 days"));
            }
        }
        if (Boolean.FALSE.equals(free) && tiers.isEmpty() && errors.stream().noneMatch(e -> e.field().startsWith("tiers"))) {
            errors.add(new FieldError("tiers", "a campaign without free amounts needs at least one tier"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Fields(title, description == null ? "" : Sanitizer.sanitize(description), image, goal, starts, ends,
                rule, free, tiers);
    }

    /** The JSON an edit is merged into: the campaign's current fields, as a client would send them. */
    static JsonObject current(Campaign c) {
        JsonArray tiers = new JsonArray();
        c.tiers().forEach(t -> tiers.add(new JsonObject().put("amount", t.amount()).put("title", t.title())
                .put("counterpart", t.counterpart())));
        return new JsonObject()
                .put("title", c.title())
                .put("description", c.descriptionHtml())
                .put("image_url", c.imageUrl())
                .put("goal", c.goal().amount())
                .put("currency", c.goal().code())
                .put("starts_at", c.startsAt().toString())
                .put("ends_at", c.endsAt().toString())
                .put("rule", c.rule().value())
                .put("free_amount", c.freeAmount())
                .put("tiers", tiers);
    }

    /** Runs one field's check; an invalid field becomes an error in the list and a null value. */
    static <T> T field(List<FieldError> errors, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidInputException e) {
            errors.add(new FieldError(e.field(), e.getMessage()));
            return null;
        }
    }

    static String requiredText(JsonObject body, String name, int max) {
        String t = optionalText(body, name, max);
        if (t == null) {
            throw new InvalidInputException(name, name + " is required");
        }
        return t;
    }

    static String optionalText(JsonObject body, String name, int max) {
        Object v = body.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException(name, name + " must be a string");
        }
        String t = s.strip();
        if (t.length() > max) {
            throw new InvalidInputException(name, name + " is longer than " + max + " characters");
        }
        return t.isEmpty() ? null : t;
    }

    static Boolean bool(JsonObject body, String name, boolean fallback) {
        Object v = body.getValue(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidInputException(name, name + " must be true or false");
        }
        return b;
    }

    private static String imageUrl(Object v) {
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        if (!(v instanceof String s) || s.length() > 2000) {
            throw new InvalidInputException("image_url", "image_url must be an https URL of at most 2000 characters");
        }
        try {
            URI uri = new URI(s.strip());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidInputException("image_url", "image_url must be an http or https URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException("image_url", "image_url is not a valid URL");
        }
    }

    private static Instant instant(String name, Object v, Instant fallback) {
        if (v == null) {
            if (fallback == null) {
                throw new InvalidInputException(name, name + " is required, as a date and time such as 2030-05-01T18:00:00Z");
            }
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException(name, name + " must be a date and time such as 2030-05-01T18:00:00Z");
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, name + " must be a date and time with its offset, such as 2030-05-01T18:00:00Z");
        }
    }

    private static List<Tier> tiers(Object v, Currency currency, List<FieldError> errors) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            errors.add(new FieldError("tiers", "tiers must be a list"));
            return List.of();
        }
        if (array.size() > MAX_TIERS) {
            errors.add(new FieldError("tiers", "at most " + MAX_TIERS + " tiers"));
            return List.of();
        }
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            String prefix = "tiers/" + i + "/";
            if (!(item instanceof JsonObject t)) {
                errors.add(new FieldError("tiers/" + i, "each tier is an object with an amount"));
                continue;
            }
            Money amount = field(errors, () -> MoneyRules.positive(prefix + "amount", t.getValue("amount"), currency));
            String title = field(errors, () -> optionalText(t, "title", 100));
            String counterpart = field(errors, () -> optionalText(t, "counterpart", 500));
            if (amount != null) {
                tiers.add(new Tier(i, amount.amount(), title == null ? "" : title, counterpart == null ? "" : counterpart));
            }
        }
        return tiers;
    }

    /** Overlays an edit on the current fields; only known keys are taken. */
    static JsonObject merge(JsonObject current, JsonObject patch) {
        JsonObject merged = current.copy();
        for (Map.Entry<String, Object> e : patch) {
            if (merged.containsKey(e.getKey())) {
                merged.put(e.getKey(), e.getValue());
            }
        }
        return merged;
    }
}
