package coop.entraide.protocol.sig.rfc9421;

import java.util.Map;

/**
 * The structured type of the fields a signature may cover with {@code ;sf} (RFC 9421 §2.1.1
 * requires the verifier to know it). Fields not listed cannot be covered with {@code ;sf}.
 */
final class StructuredFieldTypes {

    enum Type { ITEM, LIST, DICTIONARY }

    private static final Map<String, Type> KNOWN = Map.ofEntries(
            Map.entry("signature", Type.DICTIONARY),
            Map.entry("signature-input", Type.DICTIONARY),
            Map.entry("accept-signature", Type.DICTIONARY),
            Map.entry("content-digest", Type.DICTIONARY),
            Map.entry("repr-digest", Type.DICTIONARY),
            Map.entry("want-content-digest", Type.DICTIONARY),
            Map.entry("want-repr-digest", Type.DICTIONARY),
            Map.entry("priority", Type.DICTIONARY),
            Map.entry("cdn-cache-control", Type.DICTIONARY),
            Map.entry("cache-status", Type.LIST),
            Map.entry("proxy-status", Type.LIST),
            Map.entry("accept-ch", Type.LIST),
            Map.entry("client-cert-chain", Type.LIST),
            Map.entry("client-cert", Type.ITEM));

    private StructuredFieldTypes() {
    }

    /** The type of a lower-case field name, or {@code null} when unknown. */
    static Type of(String fieldName) {
        return KNOWN.get(fieldName);
    }
}
