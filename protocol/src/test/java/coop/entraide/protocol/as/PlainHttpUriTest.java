package coop.entraide.protocol.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcut must never accept what {@code java.net.URI} refuses: it is
 * compared with {@code java.net.URI} on hand-picked edge cases and on many generated strings.
 */
class PlainHttpUriTest {

    @Test
    void takesTheShapesServersSend() {
        for (String id : List.of("https://mastodon.example/users/alice",
                "https://mastodon.example/users/alice/statuses/110293847561234567/activity",
                "https://mastodon.example/users/alice#main-key", "http://peer.example:8080/actor?x=1&y=2",
                "https://a-b.c0.example/@alice", "https://example.com", "https://example.com/%C3%A9t%c3%a9",
                "https://social.example/ap/users/1f3a;v=2/outbox?page=true#frag/with?marks")) {
            assertTrue(PlainHttpUri.matches(id), id);
            assertTrue(Normalize.isHttpUri(id), id);
            assertTrue(Normalize.isAbsoluteUri(id), id);
        }
    }

    @Test
    void leavesEverythingElseToJavaNetUri() {
        for (String value : List.of("", "https://", "https:///x", "HTTPS://example.com/", "https://Example.com/",
                "https://127.0.0.1/actor", "https://[::1]/actor", "https://user@example.com/", "https://-a.example/",
                "https://a-.example/", "https://a..example/", "https://example.com./", "https://1a.example/",
                "https://example.com:/x", "https://example.com:123456/", "https://example.com/a b",
                "https://example.com/%zz", "https://example.com/%4", "https://example.com/#a#b", "https://exämple.com/",
                "https://example.com/é", "https://example.com/[x]", "https://example.com/\"", "https://example.com\\x",
                "mailto:someone@example.com", "urn:uuid:1234", "ftp://example.com/", "https:example.com")) {
            assertFalse(PlainHttpUri.matches(value), value);
            assertEquals(javaHttp(value), Normalize.isHttpUri(value), value);
            assertEquals(javaAbsolute(value), Normalize.isAbsoluteUri(value), value);
        }
    }

    @Test
    void agreesWithJavaNetUriOnGeneratedStrings() {
        Random random = new Random(20261126L);
        String alphabet = "abcz09-._~!$&'()*+,;=:@/?#%[]AF \"<>\\|^`{}é\u0000\t";
        List<String> seeds = List.of("https://mastodon.example/users/alice", "http://a.b:80/c?d#e", "https://x.y/%41");
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String value = mutate(seeds.get(random.nextInt(seeds.size())), alphabet, random);
            boolean fast = PlainHttpUri.matches(value);
            if (fast) {
                accepted++;
                assertTrue(javaHttp(value), value);
            }
            assertEquals(javaHttp(value), Normalize.isHttpUri(value), value);
            assertEquals(javaAbsolute(value), Normalize.isAbsoluteUri(value), value);
        }
        assertTrue(accepted > 10_000, "the generated strings must exercise the shortcut, not only the fallback");
    }

    private static String mutate(String seed, String alphabet, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(s.length() + 1);
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, c);
                case 1 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, c);
                    }
                }
                default -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
            }
        }
        return s.toString();
    }

    private static boolean javaAbsolute(String value) {
        try {
            return !value.isEmpty() && new java.net.URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean javaHttp(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return !value.isEmpty() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
