package coop.entraide.protocol.sig.cavage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.VerifyResult;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small edits of a request and shorthand checks, so each test states only what it changes. */
final class Messages {

    private static final CavageVerifier VERIFIER = new CavageVerifier();

    private Messages() {
    }

    static VerifyResult verify(HttpMessage message, PublicKey key, Instant now, CavageVerifier.Policy policy) {
        CavageParseResult parsed = VERIFIER.parse(message);
        if (parsed instanceof CavageParseResult.Rejected rejected) {
            return rejected.failure();
        }
        return VERIFIER.verify(message, ((CavageParseResult.Parsed) parsed).signature(), key, now, policy);
    }

    static VerifyResult verify(HttpMessage message, PublicKey key, Instant now) {
        return verify(message, key, now, CavageVerifier.Policy.MASTODON);
    }

    static void assertVerified(VerifyResult result, String keyId) {
        assertEquals(new VerifyResult.Verified(SignatureScheme.DRAFT_CAVAGE_12, keyId), result);
    }

    static void assertFails(FailureReason reason, VerifyResult result) {
        VerifyResult.Failed failed = assertInstanceOf(VerifyResult.Failed.class, result);
        assertEquals(reason, failed.reason(), failed::toString);
        assertEquals(SignatureScheme.DRAFT_CAVAGE_12, failed.scheme());
    }

    static HttpMessage without(HttpMessage message, String name) {
        List<HttpMessage.Header> kept = new ArrayList<>();
        for (HttpMessage.Header header : message.headers()) {
            if (!header.name().equalsIgnoreCase(name)) {
                kept.add(header);
            }
        }
        return new HttpMessage(message.method(), message.target(), message.status(), kept, message.body());
    }

    static HttpMessage withBody(HttpMessage message, byte[] body) {
        return new HttpMessage(message.method(), message.target(), message.status(), message.headers(), body);
    }

    static HttpMessage withTarget(HttpMessage message, String method, String target) {
        return new HttpMessage(method, URI.create(target), message.status(), message.headers(), message.body());
    }

    /** Replaces one header's value where it stands, keeping the order of the others. */
    static HttpMessage replacing(HttpMessage message, String name, String value) {
        List<HttpMessage.Header> headers = new ArrayList<>();
        for (HttpMessage.Header header : message.headers()) {
            headers.add(header.name().equalsIgnoreCase(name) ? new HttpMessage.Header(header.name(), value) : header);
        }
        return new HttpMessage(message.method(), message.target(), message.status(), headers, message.body());
    }

    /** Sets (or, with {@code null}, removes) one parameter of the Signature header. */
    static HttpMessage withSignatureParam(HttpMessage message, String param, String rawValue) {
        String header = message.header("Signature").orElseThrow();
        Matcher m = Pattern.compile("(^|,)" + param + "=(\"(?:[^\"\\\\]|\\\\.)*\"|[^,]*)").matcher(header);
        String changed;
        if (m.find()) {
            String replacement = rawValue == null ? "" : m.group(1) + param + "=" + rawValue;
            changed = header.substring(0, m.start()) + replacement + header.substring(m.end());
            changed = changed.startsWith(",") ? changed.substring(1) : changed;
        } else {
            changed = header + "," + param + "=" + rawValue;
        }
        return replacing(message, "Signature", changed);
    }
}
