package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A verification method of type {@code Multikey} in an actor's {@code assertionMethod}
 * (FEP-521a): {@code publicKeyMultibase} is base58btc ({@code z…}) of a multicodec-prefixed key,
 * {@code z6Mk…} for Ed25519.
 */
public record Multikey(String id, String controller, String publicKeyMultibase) {

    public Multikey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(publicKeyMultibase, "publicKeyMultibase");
    }

    public JsonNode toJson() {
        ObjectNode out = JsonOut.NODES.objectNode();
        out.put(As.ID, id);
        out.put(As.TYPE, Sec.MULTIKEY);
        out.put(Sec.CONTROLLER, controller);
        out.put(Sec.PUBLIC_KEY_MULTIBASE, publicKeyMultibase);
        return out;
    }

    /**
     * FEP-521a: "non-conformant entries are ignored", so anything that is not a complete
     * Multikey (a bare id, another key type, a field of the wrong kind) reads as empty.
     */
    static Optional<Multikey> from(JsonNode element) {
        if (!element.isObject() || !Normalize.typesOf(element).contains(Sec.MULTIKEY)) {
            return Optional.empty();
        }
        ObjectNode object = (ObjectNode) element;
        try {
            String id = Normalize.uri(object, As.ID);
            String controller = Normalize.uri(object, Sec.CONTROLLER);
            String key = Normalize.text(object, Sec.PUBLIC_KEY_MULTIBASE);
            if (id == null || controller == null || key == null || !key.startsWith("z")) {
                return Optional.empty();
            }
            return Optional.of(new Multikey(id, controller, key));
        } catch (Normalize.Malformed e) {
            return Optional.empty();
        }
    }
}
