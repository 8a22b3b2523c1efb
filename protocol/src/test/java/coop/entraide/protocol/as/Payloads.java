package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Test payloads in the shapes other servers send, from {@code src/test/resources/as}. */
final class Payloads {

    static final List<String> ALL = List.of(
            "akkoma-announce.json", "gotosocial-create-note.json", "gotosocial-move.json", "gotosocial-person.json",
            "lemmy-announce-create-page.json", "lemmy-group.json", "lemmy-page.json", "mastodon-accept-follow.json",
            "mastodon-block.json", "mastodon-create-note.json", "mastodon-delete-tombstone.json",
            "mastodon-flag.json", "mastodon-follow.json", "mastodon-like.json", "mastodon-person.json",
            "mastodon-undo-follow.json", "misskey-like-reaction.json", "misskey-note-quote.json",
            "misskey-person.json", "mitra-accept-follow.json", "mitra-person-multikey-only.json",
            "mitra-person.json", "mobilizon-event.json", "mobilizon-group.json");

    private Payloads() {
    }

    static JsonNode load(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/as/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return AsJson.read(in.readAllBytes()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return AsJson.read(text).orElseThrow();
    }

    static Actor actor(String name) {
        return Actor.parse(load(name)).orElseThrow();
    }

    static Activity activity(String name) {
        return Activity.parse(load(name)).orElseThrow();
    }

    static AsObject object(String name) {
        return AsObject.parse(load(name)).orElseThrow();
    }
}
