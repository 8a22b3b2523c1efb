package coop.entraide.node.offers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of search results ended, as an opaque token: the sort key and id of its last
 * offer. The next page starts strictly after it, so offers published meanwhile never shift pages
 * and every page costs the same however deep (keyset pagination).
 */
record SearchCursor(OfferSearch.Sort sort, long micros, double distance, long id) {

    static SearchCursor after(OfferSearch.Sort sort, Offer last, Double distance) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.publishedAt().toInstant());
        return new SearchCursor(sort, micros, distance == null ? 0 : distance, last.id());
    }

    OffsetDateTime publishedAt() {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    String encode() {
        String raw = sort == OfferSearch.Sort.NEWEST ? "n:" + micros + ":" + id : "d:" + distance + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<SearchCursor> decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3) {
                return Optional.empty();
            }
            long id = Long.parseLong(parts[2]);
            return switch (parts[0]) {
                case "n" -> Optional.of(new SearchCursor(OfferSearch.Sort.NEWEST, Long.parseLong(parts[1]), 0, id));
                case "d" -> {
                    double d = Double.parseDouble(parts[1]);
                    yield Double.isFinite(d) ? Optional.of(new SearchCursor(OfferSearch.Sort.NEAREST, 0, d, id))
                            : Optional.empty();
                }
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
