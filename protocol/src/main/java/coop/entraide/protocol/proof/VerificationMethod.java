package coop.entraide.protocol.proof;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Multikey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A resolved verification method (W3C Controlled Identifiers §2.2): its id, the controller whose
 * document lists it under {@code assertionMethod}, and the public key.
 */
public record VerificationMethod(String id, String controller, PublicKey publicKey) {

    public VerificationMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * Reads a {@code Multikey} object as FEP-521a puts it in an actor's {@code assertionMethod}.
     *
     * @throws KeyFormatException if it is not a Multikey or its key cannot be decoded
     */
    public static VerificationMethod fromMultikey(JsonNode multikey) throws KeyFormatException {
        if (multikey == null || !multikey.isObject()) {
            throw new KeyFormatException("verification method is not an object");
        }
        if (!"Multikey".equals(text(multikey, "type"))) {
            throw new KeyFormatException("verification method type is not Multikey");
        }
        String id = text(multikey, "id");
        String controller = text(multikey, "controller");
        String multibase = text(multikey, "publicKeyMultibase");
        if (id == null || controller == null || multibase == null) {
            throw new KeyFormatException("Multikey needs id, controller and publicKeyMultibase strings");
        }
        return new VerificationMethod(id, controller, Multikey.decodePublicKey(multibase));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
