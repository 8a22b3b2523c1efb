package coop.entraide.protocol.sf;

/** Character classes of RFC 8941 §3 (RFC 9110 tchar, RFC 5234 ALPHA/DIGIT). */
final class Chars {

    private Chars() {
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isLcAlpha(int c) {
        return c >= 'a' && c <= 'z';
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTchar(int c) {
        if (isAlpha(c) || isDigit(c)) {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    static boolean isTokenStart(int c) {
        return isAlpha(c) || c == '*';
    }

    static boolean isTokenChar(int c) {
        return isTchar(c) || c == ':' || c == '/';
    }

    static boolean isKeyStart(int c) {
        return isLcAlpha(c) || c == '*';
    }

    static boolean isKeyChar(int c) {
        return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
    }

    static boolean isToken(String s) {
        if (s.isEmpty() || !isTokenStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isKey(String s) {
        if (s.isEmpty() || !isKeyStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isKeyChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
