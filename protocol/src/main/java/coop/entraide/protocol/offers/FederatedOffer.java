package coop.entraide.protocol.offers;

import coop.entraide.protocol.as.Addressing;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * An offer as it travels between servers (FEP-0837 Proposal carried by a {@code Note}, plus
 * Entraide's terms; docs/offers-vocabulary.md). Built by the author's node, read back exactly by
 * any other Entraide node.
 *
 * @param url          the offer's public HTML page
 * @param collective   the collective (Group) that announces it: the {@code audience}; may be {@code null}
 * @param description  what the author wrote, in the Markdown subset ({@code source})
 * @param language     BCP 47 tag of the text, {@code fr} or {@code en}
 * @param price        set exactly when the kind is {@link OfferKind#SELL}
 * @param deposit      a loan's deposit, only for {@link OfferKind#LEND}; may be {@code null}
 * @param loanPeriod   a loan's length, only for {@link OfferKind#LEND}; may be {@code null}
 * @param location     approximate, never an address; may be {@code null}
 * @param availableFrom  start of the availability window ({@code startTime}); may be {@code null}
 * @param availableUntil end of the availability window ({@code endTime}); may be {@code null}
 */
public record FederatedOffer(
        String id,
        String url,
        String author,
        String collective,
        OfferKind kind,
        OfferState state,
        String title,
        String description,
        String language,
        Category category,
        Condition condition,
        Money price,
        Money deposit,
        Period loanPeriod,
        CoarseLocation location,
        Instant availableFrom,
        Instant availableUntil,
        Addressing addressing,
        Instant published,
        Instant updated,
        List<OfferPhoto> photos) {

    /** Mastodon shows only the first four attachments of a post (PROTOCOL.md §5.3). */
    public static final int MAX_PHOTOS = 4;
    public static final int MAX_TITLE = 200;

    public FederatedOffer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(addressing, "addressing");
        description = description == null ? "" : description;
        photos = List.copyOf(photos);
    }
}
