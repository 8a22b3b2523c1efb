package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sf.InnerList;
import coop.entraide.protocol.sf.Item;
import coop.entraide.protocol.sf.SfDictionary;
import coop.entraide.protocol.sf.StructuredFieldException;
import coop.entraide.protocol.sf.StructuredFieldParser;
import coop.entraide.protocol.sf.StructuredFieldWriter;
import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.digest.ContentDigest;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs HTTP messages as RFC 9421 §3.1 describes and adds the {@code Signature-Input} and
 * {@code Signature} fields (§4.1, §4.2) under the spec's label, next to any signatures already
 * present.
 */
public final class Rfc9421Signer {

    static final String SIGNATURE_INPUT = "Signature-Input";
    static final String SIGNATURE = "Signature";

    private Rfc9421Signer() {
    }

    /** Signs a request (or a response without {@code ;req} components). */
    public static HttpMessage sign(HttpMessage message, SigningSpec spec) throws SigningException {
        return sign(message, null, spec);
    }

    /**
     * Signs {@code message}; {@code relatedRequest} is the request a response answers, used by
     * {@code ;req} components (may be null).
     */
    public static HttpMessage sign(HttpMessage message, HttpMessage relatedRequest, SigningSpec spec)
            throws SigningException {
        refuseDuplicateLabel(message, spec.label());
        HttpMessage target = message;
        if (spec.addContentDigest() && spec.components().contains(ComponentIdentifier.CONTENT_DIGEST)
                && message.header(ContentDigest.HEADER).isEmpty()) {
            target = message.withHeader(ContentDigest.HEADER, ContentDigest.sha256(message.body()));
        }
        List<Item> items = new ArrayList<>(spec.components().size());
        for (ComponentIdentifier c : spec.components()) {
            items.add(c.toItem());
        }
        String signatureParams = StructuredFieldWriter.serialize(new InnerList(items, spec.parameters()));
        String base;
        try {
            base = SignatureBase.build(target, relatedRequest, spec.components(), signatureParams);
        } catch (ComponentException e) {
            throw new SigningException(e.reason(), e.getMessage(), null);
        }
        byte[] signature;
        try {
            signature = spec.algorithm().sign(SignatureBase.bytes(base), spec.key());
        } catch (GeneralSecurityException e) {
            throw new SigningException(FailureReason.KEY_MISMATCH, e.getMessage(), e);
        }
        return target
                .withHeader(SIGNATURE_INPUT, spec.label() + "=" + signatureParams)
                .withHeader(SIGNATURE, spec.label() + "=" + StructuredFieldWriter.serialize(Item.bytes(signature)));
    }

    /** The signature base the spec would sign, for diagnostics and tests. */
    public static String signatureBase(HttpMessage message, HttpMessage relatedRequest, SigningSpec spec)
            throws SigningException {
        List<Item> items = spec.components().stream().map(ComponentIdentifier::toItem).toList();
        String signatureParams = StructuredFieldWriter.serialize(new InnerList(items, spec.parameters()));
        try {
            return SignatureBase.build(message, relatedRequest, spec.components(), signatureParams);
        } catch (ComponentException e) {
            throw new SigningException(e.reason(), e.getMessage(), null);
        }
    }

    private static void refuseDuplicateLabel(HttpMessage message, String label) throws SigningException {
        List<String> inputs = message.headerValues(SIGNATURE_INPUT);
        if (inputs.isEmpty()) {
            return;
        }
        SfDictionary existing;
        try {
            existing = StructuredFieldParser.parseDictionary(inputs);
        } catch (StructuredFieldException e) {
            throw new SigningException(FailureReason.MALFORMED_HEADER, "existing Signature-Input: " + e.getMessage(), e);
        }
        if (existing.get(label).isPresent()) {
            throw new SigningException(FailureReason.MALFORMED_HEADER, "the message already has a signature " + label, null);
        }
    }
}
