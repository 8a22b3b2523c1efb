package coop.entraide.node.http;

import java.util.Locale;
import java.util.Map;

/**
 * A media type a resource can be served as, with the parameters a request must match
 * (such as {@code profile} for JSON-LD) and the {@code Content-Type} sent with it.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters, String contentType) {
    public static final String AS_PROFILE = "https://www.w3.org/ns/activitystreams";

    /** ActivityPub §3.2: the two names of an ActivityStreams document, and plain JSON. */
    public static final MediaType ACTIVITY_JSON = new MediaType("application", "activity+json", Map.of(),
            "application/activity+json; charset=utf-8");
    public static final MediaType LD_JSON_AS = new MediaType("application", "ld+json", Map.of("profile", AS_PROFILE),
            "application/ld+json; profile=\"" + AS_PROFILE + "\"; charset=utf-8");
    public static final MediaType JSON = new MediaType("application", "json", Map.of(), "application/json; charset=utf-8");
    public static final MediaType HTML = new MediaType("text", "html", Map.of(), "text/html; charset=utf-8");

    public MediaType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
    }

    public boolean isJson() {
        return this != HTML && !subtype.equals("html");
    }
}
