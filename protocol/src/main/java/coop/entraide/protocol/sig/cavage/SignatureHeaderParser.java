package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.FailureReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the parameter list of a {@code Signature} header (draft-cavage-http-signatures-12 §2.1,
 * §4.1): {@code name="quoted value"} pairs separated by commas, numbers unquoted.
 *
 * <p>Quoted values may escape {@code "} and {@code \} with a backslash, as in an HTTP
 * quoted-string, so a keyId may hold commas, spaces and quotes. A leading {@code Signature }
 * scheme word is skipped, as Mastodon tolerates it in the {@code Signature} header too.
 */
final class SignatureHeaderParser {

    /** Far above any real signature (an RSA-4096 one is under 1 KiB); protects the parser. */
    static final int MAX_LENGTH = 16 * 1024;

    /** Whole seconds only: the signing string repeats the value as sent, and senders use integers. */
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

    private final String text;
    private int pos;

    private SignatureHeaderParser(String text) {
        this.text = text;
    }

    static CavageParseResult parse(String headerValue) {
        if (headerValue.length() > MAX_LENGTH) {
            return rejected(null, "Signature header is longer than " + MAX_LENGTH + " characters");
        }
        Map<String, String> params;
        try {
            params = new SignatureHeaderParser(withoutScheme(headerValue.trim())).parameters();
        } catch (Malformed e) {
            return rejected(null, e.getMessage());
        }
        return toSignature(params);
    }

    /** Writes a value as an HTTP quoted-string, escaping what {@link #parse} unescapes. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static String withoutScheme(String value) {
        if (value.regionMatches(true, 0, "Signature", 0, 9)
                && value.length() > 9 && (value.charAt(9) == ' ' || value.charAt(9) == '\t')) {
            return value.substring(10).trim();
        }
        return value;
    }

    /** The names of a {@code headers} parameter, split on runs of spaces and tabs, in lower case. */
    private static List<String> headerNames(String value) {
        List<String> names = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= value.length(); i++) {
            boolean separator = i == value.length() || value.charAt(i) == ' ' || value.charAt(i) == '\t';
            if (separator && start >= 0) {
                names.add(value.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return names;
    }

    private static CavageParseResult toSignature(Map<String, String> params) {
        String keyId = params.get("keyid");
        if (keyId == null || keyId.isEmpty()) {
            return rejected(null, "Signature has no keyId");
        }
        String encoded = params.get("signature");
        if (encoded == null || encoded.isEmpty()) {
            return rejected(keyId, "Signature has no signature parameter");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return rejected(keyId, "signature parameter is not base64");
        }
        if (signature.length == 0) {
            return rejected(keyId, "signature parameter is empty");
        }
        String algorithm = params.getOrDefault("algorithm", "hs2019").toLowerCase(Locale.ROOT);
        List<String> headers;
        String headersParam = params.get("headers");
        if (headersParam == null) {
            headers = List.of(algorithm.equals("hs2019") ? "(created)" : "date");
        } else {
            headers = headerNames(headersParam.trim());
            if (headers.isEmpty()) {
                return rejected(keyId, "headers parameter is empty");
            }
        }
        Optional<Instant> created;
        Optional<Instant> expires;
        try {
            created = seconds(params.get("created"), "created");
            expires = seconds(params.get("expires"), "expires");
        } catch (Malformed e) {
            return rejected(keyId, e.getMessage());
        }
        return new CavageParseResult.Parsed(new CavageSignature(keyId, algorithm, headers, signature, created, expires));
    }

    private static Optional<Instant> seconds(String value, String name) throws Malformed {
        if (value == null) {
            return Optional.empty();
        }
        if (!SECONDS.matcher(value).matches()) {
            throw new Malformed(name + " is not a number of seconds: " + Shorten.of(value));
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
    }

    private static CavageParseResult rejected(String keyId, String detail) {
        return new CavageParseResult.Rejected(new Rejection(FailureReason.MALFORMED_HEADER, detail).toFailed(keyId));
    }

    private Map<String, String> parameters() throws Malformed {
        Map<String, String> params = new HashMap<>();
        skipWhitespace();
        while (pos < text.length()) {
            String name = token();
            if (name.isEmpty()) {
                throw new Malformed("expected a parameter name at offset " + pos);
            }
            skipWhitespace();
            expect('=');
            skipWhitespace();
            String value = pos < text.length() && text.charAt(pos) == '"' ? quotedString() : token();
            if (params.put(name.toLowerCase(Locale.ROOT), value) != null) {
                throw new Malformed("parameter " + Shorten.of(name) + " appears twice");
            }
            skipWhitespace();
            if (pos < text.length()) {
                expect(',');
                skipWhitespace();
            }
        }
        if (params.isEmpty()) {
            throw new Malformed("Signature header has no parameters");
        }
        return params;
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quotedString() throws Malformed {
        int start = pos;
        pos++;
        // Senders escape nothing in practice: then the value is the text up to the closing quote.
        int end = pos;
        while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\\') {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '"') {
            String plain = text.substring(pos, end);
            pos = end + 1;
            return plain;
        }
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos == text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw new Malformed("unterminated quoted string at offset " + start);
    }

    private void expect(char c) throws Malformed {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new Malformed("expected '" + c + "' at offset " + pos);
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** RFC 9110 tchar: unquoted parameter names and values (numbers, bare tokens). */
    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Internal signal that the header cannot be read; never leaves this class. */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
