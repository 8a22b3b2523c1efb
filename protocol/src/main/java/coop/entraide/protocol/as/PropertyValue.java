package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A profile field: schema.org {@code PropertyValue} in an actor's attachment (Mastodon, GoToSocial). */
public record PropertyValue(String name, String value, Map<String, JsonNode> extra) implements Attachment {

    private static final Set<String> KNOWN = Set.of(As.TYPE, As.NAME, Toot.VALUE);

    public PropertyValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        extra = Normalize.copyOf(extra);
    }

    public static PropertyValue of(String name, String value) {
        return new PropertyValue(name, value, Map.of());
    }

    @Override
    public JsonNode toJson() {
        ObjectNode out = JsonOut.start(null, List.of(Toot.PROPERTY_VALUE), Map.of());
        out.put(As.NAME, name);
        out.put(Toot.VALUE, value);
        return JsonOut.finish(out, extra);
    }

    static PropertyValue from(ObjectNode object) throws Normalize.Malformed {
        String name = Normalize.text(object, As.NAME);
        String value = Normalize.text(object, Toot.VALUE);
        return new PropertyValue(name == null ? "" : name, value == null ? "" : value,
                Normalize.extra(object, KNOWN));
    }
}
