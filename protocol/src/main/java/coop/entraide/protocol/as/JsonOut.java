package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writing side of {@link Normalize}: one fixed property order, absent values left out. */
final class JsonOut {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonOut() {
    }

    /** Starts an object with {@code @context} (when carried over from a parsed document), id and type. */
    static ObjectNode start(String id, List<String> types, Map<String, JsonNode> extra) {
        ObjectNode out = NODES.objectNode();
        JsonNode context = extra.get(Context.KEYWORD);
        if (context != null) {
            out.set(Context.KEYWORD, context.deepCopy());
        }
        put(out, As.ID, id);
        if (types.size() == 1) {
            out.put(As.TYPE, types.get(0));
        } else if (!types.isEmpty()) {
            ArrayNode array = out.putArray(As.TYPE);
            types.forEach(array::add);
        }
        return out;
    }

    static ObjectNode finish(ObjectNode out, Map<String, JsonNode> extra) {
        extra.forEach((name, value) -> {
            if (!out.has(name)) {
                out.set(name, value.deepCopy());
            }
        });
        return out;
    }

    static void put(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    static void put(ObjectNode out, String field, Boolean value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    static void put(ObjectNode out, String field, Integer value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    static void put(ObjectNode out, String field, Instant value) {
        if (value != null) {
            out.put(field, value.toString());
        }
    }

    static void put(ObjectNode out, String field, Ref value) {
        if (value != null) {
            out.set(field, value.toJson());
        }
    }

    /** Addressing lists are always written as arrays, as Mastodon does. */
    static void putIds(ObjectNode out, String field, List<String> ids) {
        if (!ids.isEmpty()) {
            ArrayNode array = out.putArray(field);
            ids.forEach(array::add);
        }
    }

    /** One value is written bare, several as an array: the shape every server reads. */
    static <T> void putAll(ObjectNode out, String field, List<T> values, Function<T, JsonNode> write) {
        if (values.size() == 1) {
            out.set(field, write.apply(values.get(0)));
        } else if (!values.isEmpty()) {
            ArrayNode array = out.putArray(field);
            values.forEach(v -> array.add(write.apply(v)));
        }
    }

    /** Like {@link #putAll} but always an array, for collections such as tag and attachment. */
    static <T> void putArray(ObjectNode out, String field, List<T> values, Function<T, JsonNode> write) {
        if (!values.isEmpty()) {
            ArrayNode array = out.putArray(field);
            values.forEach(v -> array.add(write.apply(v)));
        }
    }
}
