package coop.entraide.node.posts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coop.entraide.node.InvalidInputException;
import org.junit.jupiter.api.Test;

class PostTextTest {
    @Test
    void escapesMarkupAndKeepsParagraphs() {
        assertEquals("<p>a &lt;b&gt;gras&lt;/b&gt;<br>ligne</p><p>suite</p>", PostText.toHtml("a <b>gras</b>\nligne\n\nsuite"));
    }

    @Test
    void linksAddressesWithoutTheirTrailingPunctuation() {
        assertEquals("<p>Voir <a href=\"https://ex.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">"
                + "https://ex.org/a?b=1&amp;c=2</a>.</p>", PostText.toHtml("Voir https://ex.org/a?b=1&c=2."));
    }

    @Test
    void anEscapedQuoteEndsAnAddress() {
        assertEquals("<p>&quot;<a href=\"https://ex.org\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">"
                + "https://ex.org</a>&quot;</p>", PostText.toHtml("\"https://ex.org\""));
    }

    @Test
    void noOtherSchemeBecomesALink() {
        assertEquals("<p>javascript:alert(1) ftp://x</p>", PostText.toHtml("javascript:alert(1) ftp://x"));
    }

    @Test
    void refusesEmptyAndOverlongTextCountingCodePoints() {
        assertThrows(InvalidInputException.class, () -> PostText.require(" \n "));
        assertThrows(InvalidInputException.class, () -> PostText.require(null));
        String emoji = "🌱".repeat(PostText.MAX_CHARACTERS);
        assertEquals(emoji, PostText.require(emoji), "5000 seedlings are 5000 characters, not 10000");
        assertThrows(InvalidInputException.class, () -> PostText.require(emoji + "x"));
    }
}
