package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An actor's {@code publicKey} (security/v1; PROTOCOL.md §2 key-id rules): the RSA key that
 * draft-cavage HTTP signatures name in {@code keyId}.
 *
 * @param owner the actor the key belongs to; must equal the actor for {@code actor#main-key} ids
 */
public record PublicKey(String id, String owner, String publicKeyPem, Map<String, JsonNode> extra) {

    private static final Set<String> KNOWN = Set.of(As.ID, Sec.OWNER, Sec.PUBLIC_KEY_PEM);

    public PublicKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        extra = Normalize.copyOf(extra);
    }

    public static PublicKey of(String id, String owner, String publicKeyPem) {
        return new PublicKey(id, owner, publicKeyPem, Map.of());
    }

    public JsonNode toJson() {
        ObjectNode out = JsonOut.NODES.objectNode();
        out.put(As.ID, id);
        JsonOut.put(out, Sec.OWNER, owner);
        out.put(Sec.PUBLIC_KEY_PEM, publicKeyPem);
        return JsonOut.finish(out, extra);
    }

    static PublicKey from(JsonNode element) throws Normalize.Malformed {
        ObjectNode object = Normalize.object(element, "");
        String id = Normalize.uri(object, As.ID);
        String pem = Normalize.text(object, Sec.PUBLIC_KEY_PEM);
        if (id == null) {
            throw new Normalize.Malformed(As.ID, "missing");
        }
        if (pem == null) {
            throw new Normalize.Malformed(Sec.PUBLIC_KEY_PEM, "missing");
        }
        return new PublicKey(id, Normalize.uri(object, Sec.OWNER), pem, Normalize.extra(object, KNOWN));
    }
}
