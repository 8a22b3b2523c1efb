package coop.entraide.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a JavaScript source, for lint checks: quoted strings and the fixed parts
 * of template literals (with their ${…} expressions scanned in turn), skipping comments and
 * regular-expression literals. Enough for the app's own hand-written modules, not a full parser.
 */
final class JsLiterals {
    private final String src;
    private final List<String> found = new ArrayList<>();
    private int i;

    private JsLiterals(String src) {
        this.src = src;
    }

    static List<String> of(String js) {
        JsLiterals lexer = new JsLiterals(js);
        lexer.code(false);
        return lexer.found;
    }

    /** Scans code until the end, or until the '}' closing a template expression when nested. */
    private void code(boolean nested) {
        int depth = 0;
        char previous = '(';
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '/' && peek(1) == '/') {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? src.length() : end + 2;
                continue;
            }
            if (c == '\'' || c == '"') {
                found.add(quoted(c));
                previous = 'a';
                continue;
            }
            if (c == '`') {
                template();
                previous = 'a';
                continue;
            }
            if (c == '/' && "(,=:[!&|?{};+-*%<>~^".indexOf(previous) >= 0) {
                regex();
                previous = 'a';
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (nested && depth == 0) {
                    i++;
                    return;
                }
                depth--;
            }
            if (!Character.isWhitespace(c)) {
                previous = Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == ')' || c == ']' ? 'a' : c;
            }
            i++;
        }
    }

    private char peek(int ahead) {
        return i + ahead < src.length() ? src.charAt(i + ahead) : '\0';
    }

    private String quoted(char quote) {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < src.length() && src.charAt(i) != quote) {
            if (src.charAt(i) == '\\' && i + 1 < src.length()) {
                i++;
            }
            sb.append(src.charAt(i));
            i++;
        }
        i++;
        return sb.toString();
    }

    private void template() {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < src.length() && src.charAt(i) != '`') {
            char c = src.charAt(i);
            if (c == '\\' && i + 1 < src.length()) {
                sb.append(src.charAt(i + 1));
                i += 2;
            } else if (c == '$' && peek(1) == '{') {
                i += 2;
                sb.append('_'); // stands for the expression, glued to its neighbours as in the output
                code(true);
            } else {
                sb.append(c);
                i++;
            }
        }
        i++;
        found.add(sb.toString());
    }

    private void regex() {
        boolean inClass = false;
        i++;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                i++;
                break;
            } else if (c == '\n') {
                break;
            }
            i++;
        }
    }
}
