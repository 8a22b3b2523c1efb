package coop.entraide.node.offers;

import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.CoarseLocation;
import coop.entraide.protocol.offers.Condition;
import coop.entraide.protocol.offers.Money;
import coop.entraide.protocol.offers.OfferKind;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A valid offer as a member writes it (create, or the whole offer after an edit), read from the
 * API by {@link OfferRequests}. The location is already rounded to the grid.
 *
 * @param expiresInDays how long it stays available; {@code null} for the node's default
 */
public record OfferDraft(
        OfferKind kind,
        String title,
        String description,
        String language,
        Category category,
        Condition condition,
        Money price,
        Money deposit,
        Integer loanPeriodDays,
        CoarseLocation location,
        OffsetDateTime availableFrom,
        OffsetDateTime availableUntil,
        Visibility visibility,
        List<PhotoRef> photos,
        Integer expiresInDays) {

    /** An uploaded photo to attach, with the description people who cannot see it will read. */
    public record PhotoRef(UUID mediaId, String alt) {
    }

    public OfferDraft {
        photos = List.copyOf(photos);
    }
}
