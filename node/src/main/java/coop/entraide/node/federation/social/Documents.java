package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.as.AsJson;
import io.vertx.core.json.JsonObject;

/** Moves documents between the protocol's JSON trees and the database's {@code jsonb} values. */
public final class Documents {
    private Documents() {
    }

    public static JsonObject toJsonb(JsonNode document) {
        return new JsonObject(AsJson.toString(document));
    }

    /** The stored document; a row the database holds is always an object. */
    public static ObjectNode fromJsonb(JsonObject stored) {
        if (stored == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node = AsJson.read(stored.encode()).toOptional().orElseGet(JsonNodeFactory.instance::objectNode);
        return node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode();
    }
}
