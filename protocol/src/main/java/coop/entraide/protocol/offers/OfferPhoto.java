package coop.entraide.protocol.offers;

import java.util.Objects;

/**
 * A photo of an offer as published: its file, its description for people who cannot see it
 * (required), and Mastodon's blurhash placeholder.
 */
public record OfferPhoto(String url, String mediaType, String alt, String blurhash, Integer width, Integer height) {
    public OfferPhoto {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(alt, "alt");
    }
}
