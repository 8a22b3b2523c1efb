package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Optional;

/**
 * The value of an object-valued property (AS2 Core §4.1): an id, and the object itself when the
 * sender embedded it. Reading {@link #id()} never fetches; dereferencing is the node's job.
 *
 * @param id   the object's id; {@code null} only for an embedded object without one (a transient
 *             object such as an FEP-0837 Agreement inside an Offer)
 * @param node the embedded object, or {@code null} when only the id was sent
 */
public record Ref(String id, JsonNode node) {

    public Ref {
        if (id == null && node == null) {
            throw new IllegalArgumentException("a reference needs an id or an embedded object");
        }
        node = node == null ? null : node.deepCopy();
    }

    public static Ref to(String id) {
        return new Ref(id, null);
    }

    /** Wraps an embedded object; its id, when it has a textual one, becomes the reference's id. */
    public static Ref embedded(JsonNode object) {
        JsonNode id = object.get(As.ID);
        return new Ref(id != null && id.isTextual() ? id.textValue() : null, object);
    }

    @Override
    public JsonNode node() {
        return node == null ? null : node.deepCopy();
    }

    public boolean isEmbedded() {
        return node != null;
    }

    public Optional<String> idIfAny() {
        return Optional.ofNullable(id);
    }

    /** Type names of the embedded object; empty when only the id is known. */
    public List<String> types() {
        return Normalize.typesOf(node);
    }

    public boolean is(String type) {
        return types().contains(type);
    }

    public Parsed<AsObject> asObject() {
        return node == null ? notEmbedded() : AsObject.parse(node);
    }

    public Parsed<Activity> asActivity() {
        return node == null ? notEmbedded() : Activity.parse(node);
    }

    public Parsed<Actor> asActor() {
        return node == null ? notEmbedded() : Actor.parse(node);
    }

    public JsonNode toJson() {
        return node == null ? TextNode.valueOf(id) : node.deepCopy();
    }

    private <T> Parsed<T> notEmbedded() {
        return Parsed.invalid("only the id " + id + " was sent; the object must be fetched");
    }
}
