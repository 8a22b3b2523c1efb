package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sf.BareItem;
import coop.entraide.protocol.sf.InnerList;
import coop.entraide.protocol.sf.Item;
import coop.entraide.protocol.sf.Member;
import coop.entraide.protocol.sf.SfDictionary;
import coop.entraide.protocol.sf.StructuredFieldException;
import coop.entraide.protocol.sf.StructuredFieldParser;
import coop.entraide.protocol.sf.StructuredFieldWriter;
import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.VerifyResult;
import coop.entraide.protocol.sig.digest.ContentDigest;
import coop.entraide.protocol.sig.digest.DigestCheck;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies RFC 9421 signatures (§3.2) in two steps, so that the caller can fetch the key in
 * between without holding anything open:
 * <ol>
 *   <li>{@link #parse(HttpMessage)} reads {@code Signature-Input} and {@code Signature} once and
 *       returns each signature's label, {@code keyid}, {@code alg}, covered components and
 *       parameters;</li>
 *   <li>{@link #verify(HttpMessage, ParsedSignature, Key, Instant, VerificationPolicy)} applies the
 *       policy, checks {@code Content-Digest} against the body when it is covered, rebuilds the
 *       signature base and checks the signature.</li>
 * </ol>
 * Every failure is a {@link VerifyResult.Failed} value with a precise {@link FailureReason}.
 * Cheap checks run before the cryptographic one.
 */
public final class Rfc9421Verifier {

    private static final SignatureScheme SCHEME = SignatureScheme.RFC_9421;

    private Rfc9421Verifier() {
    }

    /** Step 1: the signatures present in the message, or why there are none usable. */
    public static ParseResult parse(HttpMessage message) {
        List<String> inputLines = message.headerValues(Rfc9421Signer.SIGNATURE_INPUT);
        if (inputLines.isEmpty()) {
            return failedParse(FailureReason.MISSING_SIGNATURE, "no Signature-Input header");
        }
        List<String> signatureLines = message.headerValues(Rfc9421Signer.SIGNATURE);
        if (signatureLines.isEmpty()) {
            return failedParse(FailureReason.MALFORMED_HEADER, "Signature-Input without Signature");
        }
        SfDictionary inputs;
        SfDictionary signatures;
        try {
            inputs = StructuredFieldParser.parseDictionary(inputLines);
        } catch (StructuredFieldException e) {
            return failedParse(FailureReason.MALFORMED_HEADER, "Signature-Input: " + e.getMessage());
        }
        try {
            signatures = StructuredFieldParser.parseDictionary(signatureLines);
        } catch (StructuredFieldException e) {
            return failedParse(FailureReason.MALFORMED_HEADER, "Signature: " + e.getMessage());
        }
        if (inputs.isEmpty()) {
            return failedParse(FailureReason.MISSING_SIGNATURE, "empty Signature-Input");
        }
        List<ParsedSignature> parsed = new ArrayList<>(inputs.size());
        for (Map.Entry<String, Member> e : inputs.asMap().entrySet()) {
            String label = e.getKey();
            if (!(e.getValue() instanceof InnerList covered)) {
                return failedParse(FailureReason.MALFORMED_HEADER, "Signature-Input " + label + " is not an inner list");
            }
            if (!(signatures.get(label).orElse(null) instanceof Item item
                    && item.value() instanceof BareItem.SfByteSequence bytes)) {
                return failedParse(FailureReason.MALFORMED_HEADER, "Signature has no byte sequence for " + label);
            }
            try {
                parsed.add(new ParsedSignature(label, components(covered), parameters(covered),
                        bytes.value(), StructuredFieldWriter.serialize(covered)));
            } catch (ComponentException ce) {
                return failedParse(ce.reason(), "Signature-Input " + label + ": " + ce.getMessage());
            }
        }
        return new ParseResult.Parsed(parsed);
    }

    private static List<ComponentIdentifier> components(InnerList covered) throws ComponentException {
        List<ComponentIdentifier> ids = new ArrayList<>(covered.items().size());
        for (Item item : covered.items()) {
            if (!(item.value() instanceof BareItem.SfString name)) {
                throw new ComponentException(FailureReason.MALFORMED_HEADER, "a component identifier is not a string");
            }
            String n = name.value();
            if (n.isEmpty() || !n.equals(n.toLowerCase(Locale.ROOT))) {
                throw new ComponentException(FailureReason.MALFORMED_HEADER, "component names must be lower case: " + n);
            }
            ids.add(ComponentIdentifier.fromItem(n, item.parameters()));
        }
        return ids;
    }

    private static SignatureParameters parameters(InnerList covered) throws ComponentException {
        Long created = null;
        Long expires = null;
        String keyId = null;
        String alg = null;
        String nonce = null;
        String tag = null;
        for (Map.Entry<String, BareItem> p : covered.parameters().asMap().entrySet()) {
            BareItem v = p.getValue();
            switch (p.getKey()) {
                case "created" -> created = integer(p.getKey(), v);
                case "expires" -> expires = integer(p.getKey(), v);
                case "keyid" -> keyId = string(p.getKey(), v);
                case "alg" -> alg = string(p.getKey(), v);
                case "nonce" -> nonce = string(p.getKey(), v);
                case "tag" -> tag = string(p.getKey(), v);
                default -> { } // extension parameters are signed over but not interpreted
            }
        }
        return new SignatureParameters(created, expires, keyId, alg, nonce, tag);
    }

    private static Long integer(String name, BareItem v) throws ComponentException {
        if (v instanceof BareItem.SfInteger i) {
            return i.value();
        }
        throw new ComponentException(FailureReason.MALFORMED_HEADER, name + " must be an integer");
    }

    private static String string(String name, BareItem v) throws ComponentException {
        if (v instanceof BareItem.SfString s) {
            return s.value();
        }
        throw new ComponentException(FailureReason.MALFORMED_HEADER, name + " must be a string");
    }

    /**
     * Step 2, the algorithm taken from the {@code alg} parameter or else implied by the key
     * (see {@link SignatureAlgorithm#forKey}).
     *
     * @param key the public key, or the shared secret for hmac-sha256
     */
    public static VerifyResult verify(HttpMessage message, ParsedSignature signature, Key key, Instant now,
            VerificationPolicy policy) {
        return verify(message, null, signature, key, null, now, policy);
    }

    /**
     * Step 2 in full.
     *
     * @param relatedRequest the request a response answers, for {@code ;req} components; may be null
     * @param keyAlgorithm the algorithm the key is registered for, when the caller knows it; null to
     *     take it from {@code alg} or the key. RFC 9421 §3.2 prefers the key's own algorithm, and an
     *     {@code alg} that contradicts it fails with {@code KEY_MISMATCH}.
     */
    public static VerifyResult verify(HttpMessage message, HttpMessage relatedRequest, ParsedSignature signature,
            Key key, SignatureAlgorithm keyAlgorithm, Instant now, VerificationPolicy policy) {
        String keyId = signature.keyId();
        SignatureParameters params = signature.parameters();

        byte[] body = message.body();
        VerifyResult.Failed policyFailure = checkPolicy(body.length > 0, signature, now, policy);
        if (policyFailure != null) {
            return policyFailure;
        }
        SignatureAlgorithm algorithm;
        if (params.alg() != null) {
            algorithm = SignatureAlgorithm.byId(params.alg()).orElse(null);
            if (algorithm == null) {
                return failed(keyId, FailureReason.UNKNOWN_ALGORITHM, "alg " + params.alg() + " is not supported");
            }
            if (keyAlgorithm != null && keyAlgorithm != algorithm) {
                return failed(keyId, FailureReason.KEY_MISMATCH,
                        "signature says " + algorithm.id() + " but the key is for " + keyAlgorithm.id());
            }
        } else {
            algorithm = keyAlgorithm != null ? keyAlgorithm : SignatureAlgorithm.forKey(key).orElse(null);
            if (algorithm == null) {
                return failed(keyId, FailureReason.UNKNOWN_ALGORITHM,
                        "no alg parameter and no algorithm for a " + key.getAlgorithm() + " key");
            }
        }
        if (!policy.allowedAlgorithms().contains(algorithm)) {
            return failed(keyId, FailureReason.UNKNOWN_ALGORITHM, algorithm.id() + " is not accepted here");
        }
        if (!algorithm.canVerifyWith(key)) {
            return failed(keyId, FailureReason.KEY_MISMATCH, algorithm.id() + " cannot verify with a "
                    + key.getAlgorithm() + " key");
        }

        String base;
        try {
            base = SignatureBase.build(message, relatedRequest, signature.components(), signature.signatureParams());
        } catch (ComponentException e) {
            return failed(keyId, e.reason(), e.getMessage());
        }
        if (signature.covers("content-digest")) {
            DigestCheck check = ContentDigest.verify(message.headerValues(ContentDigest.HEADER), body);
            if (check instanceof DigestCheck.Failed f) {
                return failed(keyId, f.reason(), f.detail());
            }
        }
        try {
            if (!algorithm.verify(SignatureBase.bytes(base), signature.signatureBytes(), key)) {
                return failed(keyId, FailureReason.BAD_SIGNATURE, algorithm.id() + " signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            return failed(keyId, FailureReason.KEY_MISMATCH, e.getMessage());
        }
        return VerifyResult.verified(SCHEME, keyId == null ? "" : keyId);
    }

    private static VerifyResult.Failed checkPolicy(boolean hasBody, ParsedSignature signature, Instant now,
            VerificationPolicy policy) {
        String keyId = signature.keyId();
        SignatureParameters params = signature.parameters();
        if (!policy.requiredComponents().isEmpty() && !coversOneOf(signature, policy.requiredComponents())) {
            return failed(keyId, FailureReason.MISSING_COMPONENT,
                    "must cover one of " + policy.requiredComponents() + ", covers " + signature.components());
        }
        if (policy.requireDigestForBody() && hasBody && !signature.covers("content-digest")) {
            return failed(keyId, FailureReason.MISSING_DIGEST, "the body is not covered by content-digest");
        }
        if (policy.requireKeyId() && keyId == null) {
            return failed(null, FailureReason.MISSING_COMPONENT, "the keyid parameter is required");
        }
        if (policy.requireCreated() && params.created() == null) {
            return failed(keyId, FailureReason.MISSING_COMPONENT, "the created parameter is required");
        }
        long nowSeconds = now.getEpochSecond();
        long skew = policy.clockSkew().getSeconds();
        if (params.created() != null) {
            long created = params.created();
            if (created > nowSeconds + skew) {
                return failed(keyId, FailureReason.CLOCK_SKEW, "created is " + (created - nowSeconds) + " s in the future");
            }
            if (policy.maxAge() != null && created < nowSeconds - policy.maxAge().getSeconds()) {
                return failed(keyId, FailureReason.CLOCK_SKEW, "created is " + (nowSeconds - created) + " s old");
            }
        }
        if (policy.enforceExpires() && params.expires() != null && nowSeconds > params.expires() + skew) {
            return failed(keyId, FailureReason.EXPIRED, "expired " + (nowSeconds - params.expires()) + " s ago");
        }
        return null;
    }

    private static boolean coversOneOf(ParsedSignature signature, List<Set<String>> alternatives) {
        for (Set<String> names : alternatives) {
            boolean all = true;
            for (String n : names) {
                if (!signature.covers(n)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static ParseResult failedParse(FailureReason reason, String detail) {
        return new ParseResult.Failed(failed(null, reason, detail));
    }

    private static VerifyResult.Failed failed(String keyId, FailureReason reason, String detail) {
        return new VerifyResult.Failed(SCHEME, keyId, reason, detail);
    }
}
