package coop.entraide.node.identity;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.http.Html;

/** The checks and shaping shared by every local actor's display name and summary. */
final class Profile {
    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_SUMMARY = 5000;

    private Profile() {
    }

    /** The display name, trimmed; the username when none is given. */
    static String displayName(String text, String username) {
        String name = text == null ? "" : text.strip();
        if (name.isEmpty()) {
            return username;
        }
        if (name.length() > MAX_DISPLAY_NAME) {
            throw new InvalidInputException("display_name", "display name must have at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("display_name", "display name must be a single line of text");
        }
        return name;
    }

    /** The summary as the HTML that documents carry: plain text, escaped, in paragraphs. */
    static String summaryHtml(String text) {
        if (text != null && text.length() > MAX_SUMMARY) {
            throw new InvalidInputException("summary", "summary must have at most " + MAX_SUMMARY + " characters");
        }
        return Html.paragraphs(text);
    }
}
