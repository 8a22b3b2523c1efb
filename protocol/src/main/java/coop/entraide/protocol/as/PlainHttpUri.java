package coop.entraide.protocol.as;

/**
 * A cheap test for the shape nearly every id has, {@code https://host.example/path?query#fragment}
 * in plain ASCII (RFC 3986 §3), so that checking an id does not cost a {@link java.net.URI} each
 * time. It only ever says yes for text that {@code java.net.URI} parses as an absolute http(s)
 * URI with a non-empty host; anything else (upper-case scheme or host, IP addresses, user info,
 * non-ASCII, brackets…) is left to {@code java.net.URI}, so that what is accepted does not change.
 */
final class PlainHttpUri {

    private PlainHttpUri() {
    }

    /** True only if {@code java.net.URI} would read {@code value} as an http(s) URI with a host. */
    static boolean matches(String value) {
        int end = authorityEnd(value);
        return end >= 0 && restIsPlain(value, end);
    }

    /** Where the authority ends, or -1 when the scheme or authority is not of the plain shape. */
    private static int authorityEnd(String value) {
        if (value == null) {
            return -1;
        }
        int start;
        if (value.startsWith("https://")) {
            start = 8;
        } else if (value.startsWith("http://")) {
            start = 7;
        } else {
            return -1;
        }
        int n = value.length();
        int i = start;
        // Labels of lower-case letters, digits and inner hyphens, each starting with a letter:
        // never an IPv4 address, and always a host name for java.net.URI's server-based parsing.
        while (true) {
            if (i >= n || !isLower(value.charAt(i))) {
                return -1;
            }
            i++;
            while (i < n && (isLower(value.charAt(i)) || isDigit(value.charAt(i)) || value.charAt(i) == '-')) {
                i++;
            }
            if (value.charAt(i - 1) == '-') {
                return -1;
            }
            if (i < n && value.charAt(i) == '.') {
                i++;
                continue;
            }
            break;
        }
        if (i < n && value.charAt(i) == ':') {
            int digits = ++i;
            while (i < n && isDigit(value.charAt(i))) {
                i++;
            }
            if (i == digits || i - digits > 5) {
                return -1;
            }
        }
        if (i < n && value.charAt(i) != '/' && value.charAt(i) != '?' && value.charAt(i) != '#') {
            return -1;
        }
        return i;
    }

    /** The path, query and fragment hold only characters every part allows, escapes well formed. */
    private static boolean restIsPlain(String value, int from) {
        int n = value.length();
        boolean inFragment = false;
        for (int i = from; i < n; i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c == '#') {
                if (inFragment) {
                    return false;
                }
                inFragment = true;
            } else if (c != '?' && !isPathChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPathChar(char c) {
        return isLower(c) || isDigit(c) || (c >= 'A' && c <= 'Z') || c == '/'
                || "-_.!~*'();:@&=+$,".indexOf(c) >= 0;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
