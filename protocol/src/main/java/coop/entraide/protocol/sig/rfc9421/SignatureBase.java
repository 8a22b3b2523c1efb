package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sf.BareItem;
import coop.entraide.protocol.sf.Item;
import coop.entraide.protocol.sf.Member;
import coop.entraide.protocol.sf.SfDictionary;
import coop.entraide.protocol.sf.StructuredFieldException;
import coop.entraide.protocol.sf.StructuredFieldParser;
import coop.entraide.protocol.sf.StructuredFieldWriter;
import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Creates the signature base of RFC 9421 §2.5: one line per covered component,
 * {@code "name";params: value}, then the {@code "@signature-params"} line, joined by LF with no
 * final LF.
 *
 * <p>Header values are taken as the strings the server decoded; the base is encoded back to
 * bytes as ISO-8859-1, which gives the octets on the wire for servers that decode headers that
 * way (as Netty does).
 */
final class SignatureBase {

    private static final String SIGNATURE_PARAMS = "\"@signature-params\": ";

    private SignatureBase() {
    }

    /**
     * The signature base, as a string.
     *
     * @param message the message signed
     * @param relatedRequest the request a response answers, for {@code ;req} components; may be null
     * @param components the covered components, in order
     * @param signatureParams the serialised inner list with its parameters (§2.3)
     */
    static String build(HttpMessage message, HttpMessage relatedRequest, List<ComponentIdentifier> components,
            String signatureParams) throws ComponentException {
        StringBuilder base = new StringBuilder(256);
        Set<ComponentIdentifier> seen = components.size() > 1 ? new HashSet<>() : Set.of();
        for (ComponentIdentifier id : components) {
            if (components.size() > 1 && !seen.add(id)) {
                throw new ComponentException(FailureReason.MALFORMED_HEADER, id + " is covered twice");
            }
            String value = value(message, relatedRequest, id);
            base.append(id.serialized()).append(": ").append(value).append('\n');
        }
        return base.append(SIGNATURE_PARAMS).append(signatureParams).toString();
    }

    static byte[] bytes(String base) {
        return base.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String value(HttpMessage message, HttpMessage relatedRequest, ComponentIdentifier id)
            throws ComponentException {
        HttpMessage source = message;
        if (id.has("req")) {
            if (message.isRequest()) {
                throw new ComponentException(FailureReason.MALFORMED_HEADER, id + ": ;req is only for responses");
            }
            if (relatedRequest == null) {
                throw new ComponentException(FailureReason.MISSING_COMPONENT, id + ": the related request is not known");
            }
            source = relatedRequest;
        }
        return id.isDerived() ? derived(source, id) : field(source, id);
    }

    // RFC 9421 §2.2
    private static String derived(HttpMessage m, ComponentIdentifier id) throws ComponentException {
        for (String p : id.parameters().asMap().keySet()) {
            if (!p.equals("req") && !(p.equals("name") && id.name().equals("@query-param"))) {
                throw new ComponentException(FailureReason.MALFORMED_HEADER, id + ": parameter " + p + " not allowed");
            }
        }
        String name = id.name();
        if (name.equals("@status")) {
            if (m.isRequest()) {
                throw new ComponentException(FailureReason.MISSING_COMPONENT, "@status is not part of a request");
            }
            return String.format(Locale.ROOT, "%03d", m.status());
        }
        if (name.equals("@signature-params")) {
            throw new ComponentException(FailureReason.MALFORMED_HEADER, "@signature-params cannot be covered");
        }
        if (!m.isRequest()) {
            throw new ComponentException(FailureReason.MISSING_COMPONENT, name + " is not part of a response (use ;req)");
        }
        URI uri = m.target();
        return switch (name) {
            case "@method" -> m.method();
            case "@target-uri" -> uri.toString();
            case "@authority" -> authority(uri);
            case "@scheme" -> lower(required(uri.getScheme(), "@scheme"));
            case "@request-target" -> path(uri) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            case "@path" -> path(uri);
            case "@query" -> "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
            case "@query-param" -> queryParam(uri, id);
            default -> throw new ComponentException(FailureReason.MALFORMED_HEADER, "unknown derived component " + name);
        };
    }

    // RFC 9421 §2.2.3: host in lower case, port only when not the scheme's default.
    private static String authority(URI uri) throws ComponentException {
        String host = lower(required(uri.getHost(), "@authority"));
        int port = uri.getPort();
        String scheme = uri.getScheme() == null ? "" : lower(uri.getScheme());
        boolean defaultPort = port == -1 || (port == 443 && scheme.equals("https")) || (port == 80 && scheme.equals("http"));
        return defaultPort ? host : host + ":" + port;
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    // RFC 9421 §2.2.8: decode as application/x-www-form-urlencoded, re-encode percent-style.
    private static String queryParam(URI uri, ComponentIdentifier id) throws ComponentException {
        if (!(id.parameters().get("name").orElse(null) instanceof BareItem.SfString wanted)) {
            throw new ComponentException(FailureReason.MALFORMED_HEADER, "@query-param needs a string name parameter");
        }
        String query = uri.getRawQuery();
        String found = null;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
                if (!reencode(rawName).equals(wanted.value())) {
                    continue;
                }
                if (found != null) {
                    throw new ComponentException(FailureReason.MISSING_COMPONENT,
                            id + ": the parameter occurs more than once, so it cannot be signed alone");
                }
                found = reencode(rawValue);
            }
        }
        if (found == null) {
            throw new ComponentException(FailureReason.MISSING_COMPONENT, id + ": no such query parameter");
        }
        return found;
    }

    private static String reencode(String formEncoded) throws ComponentException {
        String decoded;
        try {
            decoded = URLDecoder.decode(formEncoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ComponentException(FailureReason.MALFORMED_HEADER, "bad percent-encoding in query");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(decoded.length() + 8);
        for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '*' || c == '-' || c == '.' || c == '_';
            if (keep) {
                out.write(c);
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    // RFC 9421 §2.1
    private static String field(HttpMessage m, ComponentIdentifier id) throws ComponentException {
        boolean sf = false;
        boolean bs = false;
        String key = null;
        for (var p : id.parameters().asMap().entrySet()) {
            switch (p.getKey()) {
                case "sf" -> sf = true;
                case "bs" -> bs = true;
                case "req" -> { }
                case "key" -> {
                    if (!(p.getValue() instanceof BareItem.SfString s)) {
                        throw new ComponentException(FailureReason.MALFORMED_HEADER, id + ": key must be a string");
                    }
                    key = s.value();
                }
                default -> throw new ComponentException(FailureReason.MALFORMED_HEADER,
                        id + ": parameter " + p.getKey() + " is not supported");
            }
        }
        if (bs && (sf || key != null)) {
            throw new ComponentException(FailureReason.MALFORMED_HEADER, id + ": bs cannot be combined with sf or key");
        }
        List<String> lines = m.headerValues(id.name());
        if (lines.isEmpty()) {
            throw new ComponentException(FailureReason.MISSING_COMPONENT, "header " + id.name() + " is absent");
        }
        for (String line : lines) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new ComponentException(FailureReason.MALFORMED_HEADER, "header " + id.name() + " holds a line break");
            }
        }
        if (bs) {
            StringBuilder out = new StringBuilder();
            for (String line : lines) {
                if (out.length() > 0) {
                    out.append(", ");
                }
                out.append(':').append(Base64.getEncoder().encodeToString(trim(line).getBytes(StandardCharsets.ISO_8859_1)))
                        .append(':');
            }
            return out.toString();
        }
        if (key != null) {
            SfDictionary dictionary = parseDictionary(lines, id);
            Member member = dictionary.get(key).orElseThrow(() -> new ComponentException(FailureReason.MISSING_COMPONENT,
                    id + ": the dictionary has no such member"));
            return StructuredFieldWriter.serialize(member);
        }
        if (sf) {
            return reserialize(lines, id);
        }
        if (lines.size() == 1) {
            return trim(lines.get(0));
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(trim(line));
        }
        return out.toString();
    }

    private static SfDictionary parseDictionary(List<String> lines, ComponentIdentifier id) throws ComponentException {
        try {
            return StructuredFieldParser.parseDictionary(lines);
        } catch (StructuredFieldException e) {
            throw new ComponentException(FailureReason.MALFORMED_HEADER, id + ": " + e.getMessage());
        }
    }

    private static String reserialize(List<String> lines, ComponentIdentifier id) throws ComponentException {
        StructuredFieldTypes.Type type = StructuredFieldTypes.of(id.name());
        if (type == null) {
            throw new ComponentException(FailureReason.MALFORMED_HEADER, id + ": not a known structured field");
        }
        try {
            return switch (type) {
                case DICTIONARY -> StructuredFieldWriter.serialize(StructuredFieldParser.parseDictionary(lines));
                case LIST -> StructuredFieldWriter.serialize(StructuredFieldParser.parseList(lines));
                case ITEM -> {
                    Item item = StructuredFieldParser.parseItem(lines);
                    yield StructuredFieldWriter.serialize(item);
                }
            };
        } catch (StructuredFieldException e) {
            throw new ComponentException(FailureReason.MALFORMED_HEADER, id + ": " + e.getMessage());
        }
    }

    // RFC 9421 §2.1: strip leading and trailing whitespace of each field line.
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String required(String part, String component) throws ComponentException {
        if (part == null) {
            throw new ComponentException(FailureReason.MISSING_COMPONENT, component + ": the target URI is not absolute");
        }
        return part;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
