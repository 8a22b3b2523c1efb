package coop.entraide.node.identity;

import coop.entraide.node.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The name of a local collective or member: the {@code name} of {@code acct:name@host} and of
 * {@code /c/name} or {@code /u/name}. Lowercase letters, digits and underscores, 1 to 30
 * characters, so that it is safe in URLs and handles and reads the same everywhere.
 */
public final class Username {
    public static final int MAX_LENGTH = 30;
    private static final Pattern VALID = Pattern.compile("[a-z0-9_]{1," + MAX_LENGTH + "}");

    private Username() {
    }

    public static boolean isValid(String text) {
        return text != null && VALID.matcher(text).matches();
    }

    /** The name itself if valid; otherwise an {@link InvalidInputException} that says what to change. */
    public static String require(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(field, field + " is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException(field, field + " '" + text + "' is longer than " + MAX_LENGTH + " characters");
        }
        if (!isValid(text)) {
            String hint = isValid(text.toLowerCase(java.util.Locale.ROOT)) ? " (use lowercase: '"
                    + text.toLowerCase(java.util.Locale.ROOT) + "')" : "";
            throw new InvalidInputException(field, field + " '" + text
                    + "' may only contain lowercase letters a-z, digits and _" + hint);
        }
        return text;
    }
}
