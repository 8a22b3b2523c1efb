package coop.entraide.node.posts;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.http.Html;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a member types, made into the HTML of a Note: escaped, paragraphs kept, web addresses made
 * into links with the {@code rel} Mastodon puts on them. No markup of the member's passes through.
 */
public final class PostText {
    /** Longer than Mastodon's 500 characters: neighbourhood news are sometimes long. */
    public static final int MAX_CHARACTERS = 5000;

    private static final Pattern URL = Pattern.compile("https?://(?:(?!&(?:#39|quot|lt|gt);)[^\\s<>\"])+");
    private static final String TRAILING = ".,;:!?)'";

    private PostText() {
    }

    /** The text checked: present and within the limit (counted in code points, as people count). */
    public static String require(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("content", "content is required");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CHARACTERS) {
            throw new InvalidInputException("content", "content is " + length + " characters long; the limit is "
                    + MAX_CHARACTERS);
        }
        return text.strip();
    }

    public static String toHtml(String text) {
        return linkify(Html.paragraphs(text));
    }

    /** Links web addresses in already escaped HTML text; an escaped quote or bracket ends an address. */
    private static String linkify(String escaped) {
        Matcher m = URL.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group();
            String tail = "";
            while (!url.isEmpty() && TRAILING.indexOf(url.charAt(url.length() - 1)) >= 0) {
                tail = url.charAt(url.length() - 1) + tail;
                url = url.substring(0, url.length() - 1);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    "<a href=\"" + url + "\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">" + url + "</a>" + tail));
        }
        m.appendTail(out);
        return out.toString();
    }
}
