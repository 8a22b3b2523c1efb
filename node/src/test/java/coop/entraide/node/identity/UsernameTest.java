package coop.entraide.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.http.Html;
import org.junit.jupiter.api.Test;

class UsernameTest {
    @Test
    void acceptsLowercaseDigitsAndUnderscore() {
        assertTrue(Username.isValid("jardin_partage_2"));
        assertTrue(Username.isValid("a"));
        assertTrue(Username.isValid("x".repeat(30)));
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {"", "x".repeat(31), "Alice", "al-ice", "al.ice", "alice@host", "élodie", "a b", "../x"}) {
            assertFalse(Username.isValid(bad), bad);
            assertThrows(InvalidInputException.class, () -> Username.require("name", bad), bad);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Username.require("name", "Alice"));
        assertTrue(e.getMessage().contains("'alice'"), e.getMessage());
    }

    @Test
    void summariesBecomeEscapedParagraphs() {
        assertEquals("<p>Bonjour &lt;b&gt; &amp; &quot;salut&quot;<br>ligne</p><p>deux</p>",
                Html.paragraphs("Bonjour <b> & \"salut\"\nligne\n\n deux "));
        assertEquals("", Html.paragraphs("   "));
    }
}
