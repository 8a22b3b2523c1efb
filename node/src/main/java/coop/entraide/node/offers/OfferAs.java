package coop.entraide.node.offers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.Uris;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.offers.CoarseLocation;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.OfferDocuments;
import coop.entraide.protocol.offers.OfferPhoto;
import java.time.Period;
import java.util.List;

/** A local offer's ActivityStreams document: the node's ids and addresses put into the protocol mapping. */
final class OfferAs {
    private final Uris uris;

    OfferAs(Uris uris) {
        this.uris = uris;
    }

    ObjectNode document(Offer offer) {
        return OfferDocuments.toAs(federated(offer), uris::tag);
    }

    FederatedOffer federated(Offer o) {
        String collective = o.collectiveUri();
        return new FederatedOffer(o.uri(), o.uri(), o.authorUri(), collective, o.kind(),
                o.state(), o.title(), o.description(), o.language(), o.category(), o.condition(), o.price(),
                o.deposit(), o.loanPeriodDays() == null ? null : Period.ofDays(o.loanPeriodDays()),
                o.hasPoint() ? new CoarseLocation(o.neighbourhood(), o.latitude(), o.longitude(),
                        CoarseLocation.GRID_METRES) : null,
                o.availableFrom() == null ? null : o.availableFrom().toInstant(),
                o.availableUntil() == null ? null : o.availableUntil().toInstant(),
                addressing(o), o.publishedAt().toInstant(),
                o.updatedAt() == null ? null : o.updatedAt().toInstant(),
                o.photos().stream().map(this::photo).toList());
    }

    /** Public: to Public, cc the collective's followers; followers: to the followers only (PROTOCOL.md §5.6). */
    private Addressing addressing(Offer o) {
        String followers = o.collectiveUri() == null ? uris.followers(o.authorUri()) : uris.followers(o.collectiveUri());
        return o.visibility() == Visibility.PUBLIC
                ? Addressing.of(List.of(As.PUBLIC), List.of(followers))
                : Addressing.of(List.of(followers), List.of());
    }

    private OfferPhoto photo(Offer.Photo p) {
        String url = p.fileName() != null ? uris.media(p.fileName()) : p.remoteUrl();
        return new OfferPhoto(url, p.mediaType(), p.alt(), p.blurhash(), p.width(), p.height());
    }

    String photoUrl(Offer.Photo p) {
        return p.fileName() != null ? uris.media(p.fileName()) : p.remoteUrl();
    }

    String previewUrl(Offer.Photo p) {
        return p.thumbFileName() != null ? uris.media(p.thumbFileName()) : p.remoteUrl();
    }
}
