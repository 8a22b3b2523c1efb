package coop.entraide.node.accounts;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.Html;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a member may change of their own profile ({@code PATCH /api/v1/me}), checked as a whole so
 * that every wrong field is reported at once and nothing is written unless all are right.
 *
 * @param summaryHtml  the plain-text summary escaped into HTML paragraphs
 * @param avatar       the public id of one of the member's photos; empty to remove the avatar
 * @param avatarAlt    what the photo shows, for people who cannot see it; required with a photo
 */
record ProfileChange(String displayName, String summaryHtml, String neighbourhood, List<String> languages,
                     Optional<UUID> avatar, String avatarAlt) {
    static final int MAX_ALT = 1500;
    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_SUMMARY = 500;
    static final int MAX_NEIGHBOURHOOD = 100;
    static final int MAX_LANGUAGES = 5;
    /** BCP 47 primary language tags offered to members; a short list keeps the choices meaningful. */
    static final Set<String> LANGUAGES = Set.of("fr", "en", "es", "de", "it", "ar", "pt");

    static ProfileChange parse(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        String displayName = text(body, "display_name", errors);
        if (displayName != null) {
            displayName = displayName.strip();
            if (displayName.isEmpty()) {
                errors.add(new FieldError("display_name", "display name must not be empty"));
            } else if (displayName.length() > MAX_DISPLAY_NAME) {
                errors.add(new FieldError("display_name", "display name must have at most " + MAX_DISPLAY_NAME + " characters"));
            } else if (displayName.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("display_name", "display name must be a single line of text"));
            }
        }
        String summary = optionalText(body, "summary", errors);
        if (summary != null && summary.length() > MAX_SUMMARY) {
            errors.add(new FieldError("summary", "summary must have at most " + MAX_SUMMARY + " characters"));
        }
        String neighbourhood = optionalText(body, "neighbourhood", errors);
        if (neighbourhood != null) {
            neighbourhood = neighbourhood.strip();
            if (neighbourhood.length() > MAX_NEIGHBOURHOOD) {
                errors.add(new FieldError("neighbourhood", "neighbourhood must have at most " + MAX_NEIGHBOURHOOD + " characters"));
            } else if (neighbourhood.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("neighbourhood", "neighbourhood must be a single line of text"));
            }
        }
        List<String> languages = languages(body.getValue("languages"), errors);
        Optional<UUID> avatar = avatar(body.getValue("avatar_media_id"), errors);
        String alt = optionalText(body, "avatar_alt", errors);
        alt = alt == null ? "" : alt.strip();
        if (avatar.isPresent() && alt.isEmpty()) {
            errors.add(new FieldError("avatar_alt", "avatar_alt must describe the photo"));
        } else if (alt.length() > MAX_ALT) {
            errors.add(new FieldError("avatar_alt", "avatar_alt must have at most " + MAX_ALT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ProfileChange(displayName, Html.paragraphs(summary == null ? "" : summary),
                neighbourhood == null ? "" : neighbourhood, languages, avatar, avatar.isPresent() ? alt : null);
    }

    private static String text(JsonObject body, String name, List<FieldError> errors) {
        Object value = body.getValue(name);
        if (value instanceof String s) {
            return s;
        }
        errors.add(new FieldError(name, name.replace('_', ' ') + " must be a string"));
        return null;
    }

    private static String optionalText(JsonObject body, String name, List<FieldError> errors) {
        Object value = body.getValue(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add(new FieldError(name, name + " must be a string"));
        return null;
    }

    private static List<String> languages(Object value, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            errors.add(new FieldError("languages", "languages must be an array of language tags"));
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (Object tag : array) {
            if (!(tag instanceof String s) || !LANGUAGES.contains(s)) {
                errors.add(new FieldError("languages", "languages must be among " + String.join(", ", LANGUAGES.stream().sorted().toList())));
                return List.of();
            }
            tags.add(s);
        }
        if (tags.size() > MAX_LANGUAGES) {
            errors.add(new FieldError("languages", "at most " + MAX_LANGUAGES + " languages"));
            return List.of();
        }
        return List.copyOf(tags);
    }

    private static Optional<UUID> avatar(Object value, List<FieldError> errors) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            try {
                return Optional.of(UUID.fromString(s));
            } catch (IllegalArgumentException e) {
                // falls through to the field error
            }
        }
        errors.add(new FieldError("avatar_media_id", "avatar_media_id must be the id of an uploaded photo, or null"));
        return Optional.empty();
    }
}
