package coop.entraide.node.moderation;

import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member's report, checked: the account reported (its URI, {@code @name@host}, or a local
 * name), the objects reported (URIs), and a comment for the moderators. One of the first two is needed.
 */
record ReportRequest(Optional<String> account, List<String> objects, String comment) {
    static final int MAX_OBJECTS = 20;
    static final int MAX_COMMENT = 2000;

    static ReportRequest fromJson(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        Object account = body.getValue("account");
        if (account != null && (!(account instanceof String s) || s.isBlank() || s.length() > 2000)) {
            errors.add(new FieldError("account", "account must be an actor's address or handle"));
        }
        List<String> objects = new ArrayList<>();
        Object list = body.getValue("objects");
        if (list != null) {
            if (!(list instanceof JsonArray array) || array.size() > MAX_OBJECTS
                    || !array.stream().allMatch(o -> o instanceof String s && s.startsWith("http") && s.length() <= 2000)) {
                errors.add(new FieldError("objects", "objects must list at most " + MAX_OBJECTS + " object addresses"));
            } else {
                array.forEach(o -> objects.add((String) o));
            }
        }
        Object comment = body.getValue("comment");
        if (comment != null && (!(comment instanceof String c) || c.length() > MAX_COMMENT)) {
            errors.add(new FieldError("comment", "comment must be a text of at most " + MAX_COMMENT + " characters"));
        }
        if (errors.isEmpty() && account == null && objects.isEmpty()) {
            errors.add(new FieldError("account", "name the account or the objects you report"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ReportRequest(Optional.ofNullable((String) account).map(String::strip),
                objects.stream().distinct().toList(), comment == null ? "" : ((String) comment).strip());
    }
}
