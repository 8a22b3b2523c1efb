package coop.entraide.node.offers;

import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finding offers: full-text search in French and English with accents ignored, filters, newest or
 * nearest first, keyset pagination. The SQL is assembled from fixed fragments; every value is a
 * parameter.
 */
final class OfferSearch {
    public enum Sort { NEWEST, NEAREST }

    /** A point and a radius to search around; coordinates are rounded to the grid like offers. */
    record Near(double latitude, double longitude, double withinKm) {
    }

    record Query(String text, Set<OfferKind> kinds, Set<Category> categories, Set<OfferState> states,
            Long collectiveId, Near near, Sort sort, int limit, SearchCursor after) {
    }

    /** @param distances in km from the search point, {@code null} entries when no point was given */
    record Page(List<Offer> offers, List<Double> distances, Optional<String> nextCursor) {
    }

    private static final double EARTH_KM = 6371.0;

    private final OfferRepository offers;

    OfferSearch(OfferRepository offers) {
        this.offers = offers;
    }

    /** A small builder: fixed SQL text, values only ever as numbered parameters. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        String param(Object value) {
            params.add(value);
            return "$" + params.size();
        }
    }

    Future<Page> search(SqlClient client, Query q, Optional<Viewer> viewer) {
        Sql sql = new Sql();
        String distance = null;
        if (q.near() != null) {
            String lat = sql.param(q.near().latitude());
            String lon = sql.param(q.near().longitude());
            distance = "(" + EARTH_KM + " * 2 * asin(sqrt(power(sin(radians(o.latitude - " + lat + ") / 2), 2)"
                    + " + cos(radians(" + lat + ")) * cos(radians(o.latitude))"
                    + " * power(sin(radians(o.longitude - " + lon + ") / 2), 2))))";
        }
        sql.text.append("SELECT ").append(Offer.COLUMNS);
        if (distance != null) {
            sql.text.append(", ").append(distance).append(" AS distance_km");
        }
        sql.text.append(" FROM ").append(Offer.FROM).append(" WHERE o.deleted_at IS NULL");
        visibility(sql, viewer);
        if (q.text() != null && !q.text().isBlank()) {
            String text = sql.param(q.text());
            sql.text.append(" AND o.search @@ (websearch_to_tsquery('french', entraide_unaccent(").append(text)
                    .append(")) || websearch_to_tsquery('english', entraide_unaccent(").append(text).append(")))");
        }
        if (!q.kinds().isEmpty()) {
            sql.text.append(" AND o.kind = ANY(").append(sql.param(q.kinds().stream().map(OfferKind::key)
                    .toArray(String[]::new))).append(")");
        }
        if (!q.categories().isEmpty()) {
            sql.text.append(" AND o.category = ANY(").append(sql.param(q.categories().stream().map(Category::key)
                    .toArray(String[]::new))).append(")");
        }
        if (!q.states().isEmpty()) {
            sql.text.append(" AND o.state = ANY(").append(sql.param(q.states().stream().map(OfferState::key)
                    .toArray(String[]::new))).append(")");
        }
        if (q.collectiveId() != null) {
            sql.text.append(" AND o.collective_id = ").append(sql.param(q.collectiveId()));
        }
        if (q.near() != null) {
            // A bounding box the index can use, then the exact great-circle distance.
            double dLat = Math.toDegrees(q.near().withinKm() / EARTH_KM);
            double cos = Math.max(Math.cos(Math.toRadians(q.near().latitude())), 0.01);
            double dLon = Math.min(180, dLat / cos);
            sql.text.append(" AND o.latitude BETWEEN ").append(sql.param(q.near().latitude() - dLat)).append(" AND ")
                    .append(sql.param(q.near().latitude() + dLat))
                    .append(" AND o.longitude BETWEEN ").append(sql.param(q.near().longitude() - dLon)).append(" AND ")
                    .append(sql.param(q.near().longitude() + dLon))
                    .append(" AND ").append(distance).append(" <= ").append(sql.param(q.near().withinKm()));
        }
        if (q.sort() == Sort.NEAREST) {
            if (q.after() != null) {
                sql.text.append(" AND (").append(distance).append(", o.id) > (").append(sql.param(q.after().distance()))
                        .append(", ").append(sql.param(q.after().id())).append(")");
            }
            sql.text.append(" ORDER BY distance_km, o.id");
        } else {
            if (q.after() != null) {
                sql.text.append(" AND (o.published_at, o.id) < (").append(sql.param(q.after().publishedAt()))
                        .append(", ").append(sql.param(q.after().id())).append(")");
            }
            sql.text.append(" ORDER BY o.published_at DESC, o.id DESC");
        }
        sql.text.append(" LIMIT ").append(sql.param(q.limit() + 1));
        boolean withDistance = distance != null;
        return client.preparedQuery(sql.text.toString()).execute(Tuple.from(sql.params)).compose(rows -> {
            List<Offer> found = new ArrayList<>();
            List<Double> distances = new ArrayList<>();
            for (Row row : rows) {
                found.add(Offer.fromRow(row));
                distances.add(withDistance ? row.getDouble("distance_km") : null);
            }
            boolean more = found.size() > q.limit();
            List<Offer> page = more ? found.subList(0, q.limit()) : found;
            List<Double> pageDistances = more ? distances.subList(0, q.limit()) : distances;
            Optional<String> next = more
                    ? Optional.of(SearchCursor.after(q.sort(), page.get(page.size() - 1),
                            pageDistances.get(page.size() - 1)).encode())
                    : Optional.empty();
            return offers.withPhotos(client, List.copyOf(page))
                    .map(withPhotos -> new Page(withPhotos,
                            java.util.Collections.unmodifiableList(new ArrayList<>(pageDistances)), next));
        });
    }

    /** Anonymous visitors see public offers; members also see their collective's, and followed collectives'. */
    private static void visibility(Sql sql, Optional<Viewer> viewer) {
        if (viewer.isEmpty()) {
            sql.text.append(" AND o.visibility = 'public'");
            return;
        }
        String me = sql.param(viewer.get().actorId());
        String mine = sql.param(viewer.get().collectiveId());
        sql.text.append(" AND (o.visibility = 'public' OR o.author_id = ").append(me)
                .append(" OR o.collective_id = ").append(mine)
                .append(" OR (o.visibility = 'followers' AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ")
                .append(me).append(" AND f.followed_id = o.collective_id AND f.state = 'accepted')))");
    }
}
