package coop.entraide.node.federation.policy;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A remote server's domain in the one form policies are stored and matched in: lower case,
 * internationalised labels in punycode ({@code bücher.example} → {@code xn--bcher-kva.example}),
 * no port, no trailing dot. IP literals are kept as such (IPv6 in brackets) and match only exactly.
 */
public record DomainName(String value) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final int MAX_LENGTH = 253;

    /** What {@link #parse} found. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(DomainName domain) implements Parsed {
    }

    /** Why the text is not a domain, phrased for the operator who typed it. */
    public record Invalid(String text, String reason) implements Parsed {
        public String message() {
            return "'" + text + "' is not a domain name: " + reason;
        }
    }

    /**
     * Reads a domain as an operator types it or as a request names it ({@code Host}, a key id's
     * host). Surrounding spaces and a port are tolerated; schemes, paths, accounts and wildcards are
     * not, so that a mistyped block never silently matches nothing.
     */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Invalid(text == null ? "" : text, "it is empty");
        }
        String s = text.strip();
        if (s.contains("://")) {
            return new Invalid(text, "give the domain alone, without " + s.substring(0, s.indexOf("://") + 3));
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            return new Invalid(text, "it contains spaces");
        }
        if (s.contains("*")) {
            return new Invalid(text, "wildcards are not needed, a policy on example.org also covers *.example.org");
        }
        if (s.contains("@")) {
            return new Invalid(text, "policies apply to whole servers; give only the part after the @");
        }
        if (s.contains("/") || s.contains("?") || s.contains("#") || s.contains("\\")) {
            return new Invalid(text, "give the domain alone, without a path");
        }
        if (s.startsWith("[")) {
            return parseIpv6(text, s);
        }
        String host = s;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            if (s.indexOf(':', colon + 1) >= 0) {
                return parseIpv6(text, "[" + s + "]");
            }
            if (!PORT.matcher(s.substring(colon + 1)).matches()) {
                return new Invalid(text, "what follows ':' is not a port number");
            }
            host = s.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return hostname(text, host);
    }

    private static Parsed hostname(String text, String host) {
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return new Invalid(text, "it has characters or labels a domain cannot have");
        }
        if (ascii.isEmpty()) {
            return new Invalid(text, "it is empty");
        }
        if (ascii.length() > MAX_LENGTH) {
            return new Invalid(text, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (IPV4.matcher(ascii).matches()) {
            return ipv4(text, ascii);
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return new Invalid(text, label.isEmpty() ? "it has an empty label (two dots in a row)"
                        : "'" + label + "' is not a valid label");
            }
        }
        return new Valid(new DomainName(ascii));
    }

    private static Parsed ipv4(String text, String ascii) {
        for (String octet : ascii.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return new Invalid(text, "it is not a valid IPv4 address");
            }
        }
        return new Valid(new DomainName(ascii));
    }

    private static Parsed parseIpv6(String text, String bracketed) {
        int close = bracketed.indexOf(']');
        if (close < 0) {
            return new Invalid(text, "an IPv6 address must be written in brackets, as [2001:db8::1]");
        }
        String rest = bracketed.substring(close + 1);
        if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
            return new Invalid(text, "what follows the IPv6 address is not a port number");
        }
        String literal = bracketed.substring(1, close).toLowerCase(Locale.ROOT);
        if (!IPV6.matcher(literal).matches() || !literal.contains(":")) {
            return new Invalid(text, "it is not a valid IPv6 address");
        }
        try {
            // A literal of hex digits, colons and dots only: this never consults DNS.
            java.net.InetAddress address = java.net.InetAddress.getByName("[" + literal + "]");
            String canonical = address.getHostAddress();
            return new Valid(new DomainName(address instanceof java.net.Inet4Address ? canonical : "[" + canonical + "]"));
        } catch (java.net.UnknownHostException e) {
            return new Invalid(text, "it is not a valid IPv6 address");
        }
    }

    /** Whether this is an IP address rather than a name: such entries have no subdomains. */
    public boolean isIpLiteral() {
        return value.startsWith("[") || IPV4.matcher(value).matches();
    }

    /**
     * This domain and every domain it is a subdomain of, most specific first:
     * {@code a.b.example} → {@code a.b.example, b.example, example}.
     */
    public List<String> selfAndParents() {
        if (isIpLiteral()) {
            return List.of(value);
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from >= 0) {
            out.add(value.substring(from));
            int dot = value.indexOf('.', from);
            from = dot < 0 ? -1 : dot + 1;
        }
        return out;
    }

    /** Whether {@code host} (already normalised) is this domain or one of its subdomains. */
    public boolean covers(DomainName host) {
        if (isIpLiteral() || host.isIpLiteral()) {
            return value.equals(host.value);
        }
        return host.value.equals(value) || host.value.endsWith("." + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
