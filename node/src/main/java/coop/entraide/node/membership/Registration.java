package coop.entraide.node.membership;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.identity.Username;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What someone gives to join the node, checked: every wrong field is reported at once.
 *
 * @param invitation the token of an invitation link, if they came with one
 * @param collective the collective to join, when there is no invitation and the node has several
 * @param reason     why they want to join, for the moderators who approve sign-ups
 */
record Registration(String username, String displayName, String password, Optional<String> invitation,
                    Optional<String> collective, String reason) {
    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_REASON = 1000;

    @Override
    public String toString() {
        return "Registration[" + username + ", password redacted]";
    }

    static Registration fromJson(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        Object username = body.getValue("username");
        if (!(username instanceof String u) || !Username.isValid(u.strip())) {
            errors.add(new FieldError("username", "username must be 1 to " + Username.MAX_LENGTH
                    + " lowercase letters a-z, digits or _"));
        }
        Object password = body.getValue("password");
        if (!(password instanceof String p) || p.length() < PasswordHasher.MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "password must have at least " + PasswordHasher.MIN_PASSWORD_LENGTH
                    + " characters"));
        } else if (p.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "password must have at most " + PasswordHasher.MAX_PASSWORD_LENGTH
                    + " characters"));
        }
        String displayName = optional(body, "display_name", MAX_DISPLAY_NAME, errors).orElse("");
        String reason = optional(body, "reason", MAX_REASON, errors).orElse("");
        Optional<String> invitation = optional(body, "invitation", 100, errors).filter(s -> !s.isEmpty());
        Optional<String> collective = optional(body, "collective", 100, errors).filter(s -> !s.isEmpty());
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Registration(((String) username).strip(), displayName, (String) password, invitation, collective,
                reason);
    }

    private static Optional<String> optional(JsonObject body, String field, int max, List<FieldError> errors) {
        Object value = body.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            errors.add(new FieldError(field, field + " must be a string"));
            return Optional.empty();
        }
        if (s.strip().length() > max) {
            errors.add(new FieldError(field, field + " must have at most " + max + " characters"));
        }
        return Optional.of(s.strip());
    }
}
