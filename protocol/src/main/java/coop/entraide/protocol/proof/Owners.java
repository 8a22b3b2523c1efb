package coop.entraide.protocol.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Ownership and origins of ActivityStreams objects, after FEP-fe34 (origin-based security model). */
final class Owners {

    private static final Set<String> ACTOR_TYPES = Set.of("Application", "Group", "Organization", "Person", "Service");

    private Owners() {
    }

    /**
     * The single owner of an object: the {@code actor} of an activity, the {@code attributedTo}
     * of an object, or the actor itself. Empty when there is none or more than one.
     */
    static Optional<String> ownerOf(JsonNode object) {
        if (object.has("actor")) {
            return single(object.get("actor"));
        }
        if (object.has("attributedTo")) {
            return single(object.get("attributedTo"));
        }
        if (isActor(object.get("type"))) {
            return id(object);
        }
        return Optional.empty();
    }

    /** True when both are HTTP(S) URIs of different origins; DID URLs and the like are not judged here. */
    static boolean differentWebOrigins(String a, String b) {
        Optional<String> originA = webOrigin(a);
        Optional<String> originB = webOrigin(b);
        return originA.isPresent() && originB.isPresent() && !originA.get().equals(originB.get());
    }

    /** True when the value is an HTTP(S) URI whose origin cannot be determined. */
    static boolean isBrokenWebUri(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http:") || lower.startsWith("https:")) && webOrigin(value).isEmpty();
    }

    private static Optional<String> webOrigin(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> single(JsonNode reference) {
        Set<String> ids = new LinkedHashSet<>();
        if (reference.isArray()) {
            for (JsonNode item : reference) {
                id(item).ifPresent(ids::add);
            }
        } else {
            id(reference).ifPresent(ids::add);
        }
        return ids.size() == 1 ? Optional.of(ids.iterator().next()) : Optional.empty();
    }

    private static Optional<String> id(JsonNode reference) {
        if (reference.isTextual()) {
            return Optional.of(reference.textValue());
        }
        if (reference.isObject() && reference.path("id").isTextual()) {
            return Optional.of(reference.get("id").textValue());
        }
        return Optional.empty();
    }

    private static boolean isActor(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isTextual()) {
            return ACTOR_TYPES.contains(type.textValue());
        }
        for (JsonNode item : type) {
            if (item.isTextual() && ACTOR_TYPES.contains(item.textValue())) {
                return true;
            }
        }
        return false;
    }
}
