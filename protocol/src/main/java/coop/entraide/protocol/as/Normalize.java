package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the shapes servers really send, once, at the edge (AS2 Core §2 and §4.1: any property
 * may hold one value or an array; an object-valued property may hold an id or the object).
 * Wrong JSON kinds raise {@link Malformed}, which {@link #parse} turns into {@link Parsed#invalid}.
 */
public final class Normalize {

    /** A property whose value does not have the expected JSON shape; the message names its path. */
    public static final class Malformed extends Exception {

        private final String path;
        private final String problem;

        public Malformed(String path, String problem) {
            super(path.isEmpty() ? problem : path + ": " + problem, null, false, false);
            this.path = path;
            this.problem = problem;
        }

        /** The same problem, seen from the enclosing property ({@code tag[2]} + {@code href}). */
        public Malformed within(String outer) {
            if (path.isEmpty()) {
                return new Malformed(outer, problem);
            }
            return new Malformed(path.startsWith("[") ? outer + path : outer + "." + path, problem);
        }
    }

    /** Reads a record out of a JSON object. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ObjectNode node) throws Malformed;
    }

    /** Reads one element of a property that may hold one value or an array. */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read(JsonNode element) throws Malformed;
    }

    private Normalize() {
    }

    /** Runs {@code reader} on {@code node}, which must be a JSON object. */
    public static <T> Parsed<T> parse(JsonNode node, Reader<T> reader) {
        if (node == null || !node.isObject()) {
            return Parsed.invalid("expected a JSON object, got " + kind(node));
        }
        try {
            return Parsed.ok(reader.read((ObjectNode) node));
        } catch (Malformed e) {
            return Parsed.invalid(e.getMessage());
        }
    }

    /** A JSON kind as words for error messages: "string", "number", "object"… */
    public static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Absent and {@code null} mean the same thing on the wire. */
    public static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    public static ObjectNode object(JsonNode element, String path) throws Malformed {
        if (element == null || !element.isObject()) {
            throw new Malformed(path, "expected an object, got " + kind(element));
        }
        return (ObjectNode) element;
    }

    public static String text(ObjectNode node, String field) throws Malformed {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Malformed(field, "expected a string, got " + kind(value));
        }
        return value.textValue();
    }

    public static Boolean bool(ObjectNode node, String field) throws Malformed {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new Malformed(field, "expected true or false, got " + kind(value));
        }
        return value.booleanValue();
    }

    public static Integer integer(ObjectNode node, String field) throws Malformed {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new Malformed(field, "expected an integer, got " + kind(value));
        }
        return value.intValue();
    }

    /** An xsd:dateTime; servers that omit the offset mean UTC. */
    public static Instant instant(ObjectNode node, String field) throws Malformed {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        Optional<Instant> instant = IsoDateTimes.parse(value);
        if (instant.isEmpty()) {
            throw new Malformed(field, "not an ISO 8601 date-time: " + abbreviate(value));
        }
        return instant.get();
    }

    /** The {@code type} property: one name or several (all kept, in order). Required. */
    public static List<String> types(ObjectNode node) throws Malformed {
        List<String> types = list(node, As.TYPE, element -> {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw new Malformed("", "expected a type name, got " + kind(element));
            }
            return element.textValue();
        });
        if (types.isEmpty()) {
            throw new Malformed(As.TYPE, "missing");
        }
        return types;
    }

    /** The type names of any node, for dispatch only; never fails. */
    public static List<String> typesOf(JsonNode node) {
        if (node == null || !node.isObject()) {
            return List.of();
        }
        JsonNode type = node.get(As.TYPE);
        if (type != null && type.isTextual()) {
            return List.of(type.textValue());
        }
        List<String> types = new ArrayList<>();
        if (type != null && type.isArray()) {
            type.forEach(t -> {
                if (t.isTextual()) {
                    types.add(t.textValue());
                }
            });
        }
        return List.copyOf(types);
    }

    /** An {@code id}-like property that must be an absolute http(s) URI. */
    public static String httpUri(ObjectNode node, String field, boolean required) throws Malformed {
        String value = text(node, field);
        if (value == null) {
            if (required) {
                throw new Malformed(field, "missing");
            }
            return null;
        }
        if (!isHttpUri(value)) {
            throw new Malformed(field, "not an absolute http(s) URI: " + abbreviate(value));
        }
        return value;
    }

    /** An optional property holding an absolute URI of any scheme. */
    public static String uri(ObjectNode node, String field) throws Malformed {
        String value = text(node, field);
        if (value != null && !isAbsoluteUri(value)) {
            throw new Malformed(field, "not an absolute URI: " + abbreviate(value));
        }
        return value;
    }

    /**
     * An addressing-style property (to, cc, alsoKnownAs…): a list of ids, each given as a string
     * or as an object with an id. The Public aliases become {@link As#PUBLIC}.
     */
    public static List<String> ids(ObjectNode node, String field) throws Malformed {
        return list(node, field, element -> {
            String id;
            if (element.isTextual()) {
                id = element.textValue();
            } else if (element.isObject()) {
                id = text((ObjectNode) element, As.ID);
                if (id == null) {
                    throw new Malformed("", "object without id");
                }
            } else {
                throw new Malformed("", "expected an id, got " + kind(element));
            }
            if (As.isPublic(id)) {
                return As.PUBLIC;
            }
            if (!isAbsoluteUri(id)) {
                throw new Malformed("", "not an absolute URI: " + abbreviate(id));
            }
            return id;
        });
    }

    /** An object-valued property holding one value, by id or embedded. */
    public static Ref ref(ObjectNode node, String field) throws Malformed {
        return one(node, field, Normalize::ref);
    }

    /** An object-valued property holding any number of values, by id or embedded. */
    public static List<Ref> refs(ObjectNode node, String field) throws Malformed {
        return list(node, field, Normalize::ref);
    }

    /** A {@code url}-like property: strings or Link objects. */
    public static List<Link> links(ObjectNode node, String field) throws Malformed {
        return list(node, field, Link::from);
    }

    /** Reads a property that may be absent, one value or an array into a list. */
    public static <T> List<T> list(ObjectNode node, String field, ElementReader<T> reader) throws Malformed {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            return List.of(read(reader, value, field));
        }
        List<T> values = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (absent(element)) {
                continue;
            }
            values.add(read(reader, element, field + "[" + i + "]"));
        }
        return Collections.unmodifiableList(values);
    }

    /** Reads a functional property; a one-element array is the same value in expanded form. */
    public static <T> T one(ObjectNode node, String field, ElementReader<T> reader) throws Malformed {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (value.isArray()) {
            if (value.size() != 1) {
                throw new Malformed(field, "expected a single value, got an array of " + value.size());
            }
            value = value.get(0);
        }
        return absent(value) ? null : read(reader, value, field);
    }

    /** The properties not in {@code known}, in document order (records copy them on construction). */
    public static Map<String, JsonNode> extra(ObjectNode node, Set<String> known) {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                extra.put(field.getKey(), field.getValue());
            }
        }
        return extra;
    }

    /** A deep, order-keeping, unmodifiable copy: records must not share mutable JSON nodes. */
    static Map<String, JsonNode> copyOf(Map<String, JsonNode> extra) {
        if (extra.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        extra.forEach((name, value) -> copy.put(name, value.deepCopy()));
        return Collections.unmodifiableMap(copy);
    }

    public static boolean isAbsoluteUri(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (PlainHttpUri.matches(value)) {
            return true;
        }
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public static boolean isHttpUri(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (PlainHttpUri.matches(value)) {
            return true;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Ref ref(JsonNode element) throws Malformed {
        if (element.isTextual()) {
            String id = element.textValue();
            if (!isAbsoluteUri(id)) {
                throw new Malformed("", "not an absolute URI: " + abbreviate(id));
            }
            return Ref.to(id);
        }
        if (element.isObject()) {
            ObjectNode object = (ObjectNode) element;
            uri(object, As.ID);
            return Ref.embedded(object);
        }
        throw new Malformed("", "expected an id or an object, got " + kind(element));
    }

    private static <T> T read(ElementReader<T> reader, JsonNode element, String path) throws Malformed {
        try {
            return reader.read(element);
        } catch (Malformed e) {
            throw e.within(path);
        }
    }

    /** Keeps error messages short when a peer sends a megabyte where an id belongs. */
    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
