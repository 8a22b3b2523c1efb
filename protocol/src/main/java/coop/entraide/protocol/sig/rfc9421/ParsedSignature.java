package coop.entraide.protocol.sig.rfc9421;

import java.util.List;
import java.util.Objects;

/**
 * One signature found in a message (RFC 9421 §4): its label, covered components and parameters
 * from {@code Signature-Input}, and its bytes from {@code Signature}. Holds the serialised
 * {@code @signature-params} value so that verification does not parse the headers again.
 */
public final class ParsedSignature {

    private final String label;
    private final List<ComponentIdentifier> components;
    private final SignatureParameters parameters;
    private final byte[] signature;
    private final String signatureParams;

    ParsedSignature(String label, List<ComponentIdentifier> components, SignatureParameters parameters,
            byte[] signature, String signatureParams) {
        this.label = Objects.requireNonNull(label);
        this.components = List.copyOf(components);
        this.parameters = Objects.requireNonNull(parameters);
        this.signature = signature;
        this.signatureParams = Objects.requireNonNull(signatureParams);
    }

    public String label() {
        return label;
    }

    /** The covered components, in signing order. */
    public List<ComponentIdentifier> components() {
        return components;
    }

    public SignatureParameters parameters() {
        return parameters;
    }

    /** The {@code keyid} parameter, or null: what the caller fetches before verifying. */
    public String keyId() {
        return parameters.keyId();
    }

    /** The {@code alg} parameter, or null. */
    public String alg() {
        return parameters.alg();
    }

    public byte[] signature() {
        return signature.clone();
    }

    byte[] signatureBytes() {
        return signature;
    }

    /** The {@code @signature-params} value: the covered components and parameters, serialised. */
    public String signatureParams() {
        return signatureParams;
    }

    /** Whether a component of this name is covered for the message itself (not with {@code ;req}). */
    public boolean covers(String componentName) {
        for (ComponentIdentifier c : components) {
            if (c.name().equals(componentName) && !c.has("req")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return label + "=" + signatureParams;
    }
}
