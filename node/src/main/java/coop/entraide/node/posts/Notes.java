package coop.entraide.node.posts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.social.Audience;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Source;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A member's post as a {@code Note} (PROTOCOL.md §5.3), addressed by its audience and, per
 * FEP-1b12, to the member's collective through {@code audience}. Pure.
 */
public final class Notes {
    private Notes() {
    }

    /** The addressing of a member's post: the audience's, with the collective as {@code audience}. */
    public static Addressing addressing(Audience audience, Actor author, Actor collective) {
        Addressing base = audience.addressing(author);
        return new Addressing(base.to(), base.cc(), List.of(), List.of(), List.of(collective.uri()));
    }

    public static ObjectNode build(String id, Actor author, Actor collective, String text, Audience audience, Instant published) {
        return AsObject.builder(id, As.NOTE)
                .attributedTo(author.uri())
                .content(PostText.toHtml(text))
                .source(new Source(text, "text/plain"))
                .url(id)
                .published(published.truncatedTo(ChronoUnit.SECONDS))
                .addressing(addressing(audience, author, collective))
                .build()
                .toJson();
    }
}
