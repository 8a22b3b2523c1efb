package coop.entraide.protocol.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void keepsParagraphsAndLineBreaks() {
        assertEquals("Bonjour\nà tous\n\nDeuxième paragraphe",
                Sanitizer.toPlainText("<p>Bonjour<br>à   tous</p><p>Deuxième\n paragraphe</p>", 500));
    }

    @Test
    void readsMastodonMentionsHashtagsAndShortenedLinksAsTheyAreSeen() {
        String html = "<p><span class=\"h-card\"><a href=\"https://jardin.example/@bastien\" class=\"u-url mention\">"
                + "@<span>bastien</span></a></span> voir <a href=\"https://ruche.example/media/abc\">"
                + "<span class=\"invisible\">https://</span><span class=\"ellipsis\">ruche.example/med</span>"
                + "<span class=\"invisible\">ia/abc</span></a> <a href=\"https://ruche.example/tags/miel\" "
                + "class=\"mention hashtag\">#<span>miel</span></a></p>";

        assertEquals("@bastien voir https://ruche.example/media/abc #miel", Sanitizer.toPlainText(html, 500));
    }

    @Test
    void putsListItemsAndHeadingsOnTheirOwnLines() {
        assertEquals("Titre\n\nun\ndeux\n\nfin",
                Sanitizer.toPlainText("<h2>Titre</h2><ul><li>un</li><li>deux</li></ul><p>fin</p>", 500));
    }

    @Test
    void keepsPreformattedWhitespace() {
        assertEquals("a  b\n  c", Sanitizer.toPlainText("<pre>a  b\n  c</pre>", 500));
    }

    @Test
    void decodesEntitiesAndDropsScripts() {
        assertEquals("1 < 2 & \"ok\"", Sanitizer.toPlainText("1 &lt; 2 &amp; &quot;ok&quot;<script>x()</script>"
                + "<style>p{}</style>", 500));
    }

    @Test
    void cutsAtTheLengthWithAnEllipsis() {
        String text = Sanitizer.toPlainText("<p>abcdefghij</p>", 5);

        assertEquals("abcd…", text);
        assertEquals(5, text.codePointCount(0, text.length()));
        assertEquals("abcdefghij", Sanitizer.toPlainText("<p>abcdefghij</p>", 10));
    }

    @Test
    void neverSplitsACharacterOutsideTheBasicPlane() {
        String text = Sanitizer.toPlainText("🐝🐝🐝🐝🐝🐝", 4);

        assertEquals("🐝🐝🐝…", text);
    }

    @Test
    void givesEmptyTextForNothing() {
        assertEquals("", Sanitizer.toPlainText(null, 10));
        assertEquals("", Sanitizer.toPlainText("<p> </p><br>", 10));
    }

    @Test
    void stopsEarlyOnHugeInput() {
        String huge = "<p>" + "mot ".repeat(250_000) + "</p>";

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            String preview = Sanitizer.toPlainText(huge, 280);
            assertEquals(280, preview.codePointCount(0, preview.length()));
            assertTrue(preview.endsWith("…"));
        });
    }
}
