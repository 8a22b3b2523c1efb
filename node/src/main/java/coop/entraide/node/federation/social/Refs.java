package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the id of a property that may hold an id or an embedded object. */
final class Refs {
    private Refs() {
    }

    /** The id of {@code node.get(property)}, whether it is a string or an object with an id. */
    static String idOf(JsonNode node, String property) {
        JsonNode value = node == null ? null : node.get(property);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        JsonNode id = value.get("id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }
}
