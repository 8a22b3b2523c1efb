package coop.entraide.node.offers;

import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.Condition;
import coop.entraide.protocol.offers.Money;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An offer as stored: ours or one from a followed neighbourhood, with who wrote it, which
 * collective announces it, and its photos.
 *
 * @param description what the author wrote (Markdown subset); {@code descriptionHtml} is sanitised
 */
public record Offer(
        long id,
        UUID publicId,
        String uri,
        boolean local,
        long authorId,
        String authorUri,
        String authorUsername,
        String authorDomain,
        String authorName,
        Long collectiveId,
        String collectiveUri,
        String collectiveUsername,
        OfferKind kind,
        OfferState state,
        String title,
        String description,
        String descriptionHtml,
        String language,
        Category category,
        Condition condition,
        Money price,
        Money deposit,
        Integer loanPeriodDays,
        String neighbourhood,
        Double latitude,
        Double longitude,
        OffsetDateTime availableFrom,
        OffsetDateTime availableUntil,
        Visibility visibility,
        OffsetDateTime expiresAt,
        OffsetDateTime publishedAt,
        OffsetDateTime updatedAt,
        Long borrowerId,
        String borrowerUri,
        OffsetDateTime loanDueAt,
        OffsetDateTime deletedAt,
        List<Photo> photos) {

    /** One photo: a local upload ({@code fileName}) or a remote offer's file ({@code remoteUrl}). */
    public record Photo(int position, UUID mediaId, String fileName, String thumbFileName, String remoteUrl,
            String mediaType, String alt, String blurhash, Integer width, Integer height) {
        static Photo fromRow(Row row) {
            return new Photo(row.getInteger("position"), row.getUUID("media_public_id"), row.getString("file_name"),
                    row.getString("thumb_file_name"), row.getString("url"), row.getString("photo_type"),
                    row.getString("alt"), row.getString("photo_blurhash"), row.getInteger("photo_width"),
                    row.getInteger("photo_height"));
        }
    }

    static final String COLUMNS = """
            o.id, o.public_id, o.uri, o.local, o.author_id, au.uri AS author_uri, au.username AS author_username,
            au.domain AS author_domain, au.display_name AS author_name, o.collective_id, co.uri AS collective_uri,
            co.username AS collective_username, o.kind, o.state, o.title, o.description, o.description_html,
            o.language, o.category, o.condition, o.price_amount, o.price_currency, o.deposit_amount,
            o.deposit_currency, o.loan_period_days, o.neighbourhood, o.latitude, o.longitude, o.available_from,
            o.available_until, o.visibility, o.expires_at, o.published_at, o.updated_at, o.borrower_id,
            bo.uri AS borrower_uri, o.loan_due_at, o.deleted_at""";

    static final String FROM = """
            offers o
            JOIN actors au ON au.id = o.author_id
            LEFT JOIN actors co ON co.id = o.collective_id
            LEFT JOIN actors bo ON bo.id = o.borrower_id""";

    static Offer fromRow(Row row) {
        return new Offer(
                row.getLong("id"),
                row.getUUID("public_id"),
                row.getString("uri"),
                row.getBoolean("local"),
                row.getLong("author_id"),
                row.getString("author_uri"),
                row.getString("author_username"),
                row.getString("author_domain"),
                row.getString("author_name"),
                row.getLong("collective_id"),
                row.getString("collective_uri"),
                row.getString("collective_username"),
                OfferKind.parse(row.getString("kind")).orElseThrow(),
                OfferState.parse(row.getString("state")).orElseThrow(),
                row.getString("title"),
                row.getString("description"),
                row.getString("description_html"),
                row.getString("language"),
                Category.parse(row.getString("category")).orElseThrow(),
                row.getString("condition") == null ? null : Condition.parse(row.getString("condition")).orElseThrow(),
                money(row.getBigDecimal("price_amount"), row.getString("price_currency")),
                money(row.getBigDecimal("deposit_amount"), row.getString("deposit_currency")),
                row.getInteger("loan_period_days"),
                row.getString("neighbourhood"),
                row.getDouble("latitude"),
                row.getDouble("longitude"),
                row.getOffsetDateTime("available_from"),
                row.getOffsetDateTime("available_until"),
                Visibility.parse(row.getString("visibility")).orElseThrow(),
                row.getOffsetDateTime("expires_at"),
                row.getOffsetDateTime("published_at"),
                row.getOffsetDateTime("updated_at"),
                row.getLong("borrower_id"),
                row.getString("borrower_uri"),
                row.getOffsetDateTime("loan_due_at"),
                row.getOffsetDateTime("deleted_at"),
                List.of());
    }

    private static Money money(BigDecimal amount, String currency) {
        return amount == null ? null : new Money(amount, currency);
    }

    public Offer withPhotos(List<Photo> photos) {
        return new Offer(id, publicId, uri, local, authorId, authorUri, authorUsername, authorDomain, authorName,
                collectiveId, collectiveUri, collectiveUsername, kind, state, title, description, descriptionHtml,
                language, category, condition, price, deposit, loanPeriodDays, neighbourhood, latitude, longitude,
                availableFrom, availableUntil, visibility, expiresAt, publishedAt, updatedAt, borrowerId, borrowerUri,
                loanDueAt, deletedAt, List.copyOf(photos));
    }

    public boolean hasPoint() {
        return latitude != null && longitude != null;
    }
}
