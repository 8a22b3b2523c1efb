package coop.entraide.protocol.sig.digest;

import coop.entraide.protocol.sf.BareItem;
import coop.entraide.protocol.sf.Item;
import coop.entraide.protocol.sf.Member;
import coop.entraide.protocol.sf.SfDictionary;
import coop.entraide.protocol.sf.StructuredFieldException;
import coop.entraide.protocol.sf.StructuredFieldParser;
import coop.entraide.protocol.sf.StructuredFieldWriter;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9530 §2 {@code Content-Digest}: a Structured Field Dictionary from algorithm key to the
 * digest of the message content, as a Byte Sequence ({@code sha-256=:…:}).
 *
 * <p>Verification accepts a header as long as it names at least one algorithm we know; entries for
 * other algorithms are ignored (RFC 9530 §5 lets a recipient pick), but every known entry present
 * must match, so a sender cannot pass a good digest next to a wrong one.
 */
public final class ContentDigest {

    public static final String HEADER = "Content-Digest";

    private ContentDigest() {
    }

    /** The header value for {@code body}, one member per algorithm in the order given. */
    public static String headerValue(byte[] body, DigestAlgorithm... algorithms) {
        if (algorithms.length == 0) {
            throw new IllegalArgumentException("at least one algorithm");
        }
        Map<String, Member> members = new LinkedHashMap<>();
        for (DigestAlgorithm a : algorithms) {
            members.put(a.key(), Item.bytes(a.digest(body)));
        }
        return StructuredFieldWriter.serialize(SfDictionary.of(members));
    }

    /** The sha-256 header value, what ActivityPub servers expect. */
    public static String sha256(byte[] body) {
        return headerValue(body, DigestAlgorithm.SHA_256);
    }

    /**
     * The known digests of a header given as its field lines; unknown algorithms are left out.
     *
     * @throws StructuredFieldException if the value is not a Dictionary, or a known algorithm's
     *     value is not a Byte Sequence
     */
    public static Map<DigestAlgorithm, byte[]> parse(List<String> fieldLines) throws StructuredFieldException {
        SfDictionary dictionary = StructuredFieldParser.parseDictionary(fieldLines);
        Map<DigestAlgorithm, byte[]> digests = new EnumMap<>(DigestAlgorithm.class);
        for (Map.Entry<String, Member> e : dictionary.asMap().entrySet()) {
            DigestAlgorithm algorithm = DigestAlgorithm.byName(e.getKey()).orElse(null);
            if (algorithm == null) {
                continue;
            }
            if (!(e.getValue() instanceof Item item && item.value() instanceof BareItem.SfByteSequence bytes)) {
                throw new StructuredFieldException(e.getKey() + " value is not a byte sequence", -1);
            }
            digests.put(algorithm, bytes.value());
        }
        return digests;
    }

    /** Checks {@code body} against the field lines of a {@code Content-Digest} header. */
    public static DigestCheck verify(List<String> fieldLines, byte[] body) {
        if (fieldLines.isEmpty()) {
            return DigestCheck.missing(HEADER);
        }
        Map<DigestAlgorithm, byte[]> digests;
        try {
            digests = parse(fieldLines);
        } catch (StructuredFieldException e) {
            return DigestCheck.malformed(HEADER + ": " + e.getMessage());
        }
        return compare(digests, body, HEADER);
    }

    static DigestCheck compare(Map<DigestAlgorithm, byte[]> digests, byte[] body, String header) {
        if (digests.isEmpty()) {
            return DigestCheck.noKnownAlgorithm(header);
        }
        DigestAlgorithm strongest = null;
        for (Map.Entry<DigestAlgorithm, byte[]> e : digests.entrySet()) {
            if (e.getValue().length != e.getKey().length()) {
                // A hex digest, or a truncated one: say so rather than report a mere mismatch.
                return DigestCheck.malformed(header + ": " + e.getKey().key() + " value is "
                        + e.getValue().length + " bytes, not " + e.getKey().length());
            }
            if (!MessageDigest.isEqual(e.getKey().digest(body), e.getValue())) {
                return DigestCheck.mismatch(e.getKey());
            }
            strongest = e.getKey();
        }
        return new DigestCheck.Matched(strongest);
    }
}
