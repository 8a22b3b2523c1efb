package coop.entraide.node.settings;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a node says about itself and how it welcomes people, as its administrators set it.
 *
 * @param rules               plain text, one rule a line; shown before joining
 * @param defaultTipPercent   the tip suggested to people who pledge to a campaign
 * @param languages           BCP 47 tags of the languages spoken here, most used first
 */
public record NodeProfile(String name, String description, String rules, int defaultTipPercent,
                          List<String> languages, Registrations registrations) {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_RULES = 10_000;
    public static final int MAX_TIP_PERCENT = 50;
    public static final int MAX_LANGUAGES = 10;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

    public NodeProfile {
        languages = List.copyOf(languages);
    }

    /** A node nobody configured yet: named after its host, French and English, invitations only. */
    public static NodeProfile defaults(String authority) {
        return new NodeProfile(authority, "", "", 10, List.of("fr", "en"), Registrations.CLOSED);
    }

    /** Reads a complete PUT body, or fails with every field that is wrong. */
    public static NodeProfile fromJson(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        String name = text(body, "name", MAX_NAME, true, errors);
        String description = text(body, "description", MAX_DESCRIPTION, false, errors);
        String rules = text(body, "rules", MAX_RULES, false, errors);
        Object tip = body.getValue("default_tip_percent");
        int tipPercent = 0;
        if (!(tip instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.intValue() < 0 || n.intValue() > MAX_TIP_PERCENT) {
            errors.add(new FieldError("default_tip_percent",
                    "default_tip_percent must be a whole number from 0 to " + MAX_TIP_PERCENT));
        } else {
            tipPercent = n.intValue();
        }
        List<String> languages = languages(body.getValue("languages"), errors);
        Registrations registrations = Registrations.parse(body.getValue("registrations")).orElse(null);
        if (registrations == null) {
            errors.add(new FieldError("registrations", "registrations must be open, approval or closed"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new NodeProfile(name, description, rules, tipPercent, languages, registrations);
    }

    private static String text(JsonObject body, String field, int max, boolean required, List<FieldError> errors) {
        Object value = body.getValue(field);
        if (value == null && !required) {
            return "";
        }
        if (!(value instanceof String s)) {
            errors.add(new FieldError(field, field + " must be a string"));
            return "";
        }
        String stripped = s.strip();
        if (required && stripped.isEmpty()) {
            errors.add(new FieldError(field, field + " is required"));
        } else if (stripped.length() > max) {
            errors.add(new FieldError(field, field + " must have at most " + max + " characters"));
        }
        return stripped;
    }

    private static List<String> languages(Object value, List<FieldError> errors) {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_LANGUAGES) {
            errors.add(new FieldError("languages", "languages must list 1 to " + MAX_LANGUAGES + " language tags"));
            return List.of();
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (Object tag : array) {
            if (!(tag instanceof String s) || !LANGUAGE.matcher(s.strip()).matches()) {
                errors.add(new FieldError("languages", "each language is a tag such as fr, en or pt-BR"));
                return List.of();
            }
            tags.add(s.strip());
        }
        return List.copyOf(tags);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("name", name)
                .put("description", description)
                .put("rules", rules)
                .put("default_tip_percent", defaultTipPercent)
                .put("languages", new JsonArray(languages))
                .put("registrations", registrations.value());
    }
}
