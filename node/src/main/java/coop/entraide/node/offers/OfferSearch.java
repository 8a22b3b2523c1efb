package coop.entraide.node.offers;

import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finding offers: full-text search in French and English with accents ignored, filters, newest or
 * nearest first, keyset pagination. The SQL is assembled from fixed fragments; every value is a
 * parameter.
 *
 * <p>A text search newest first is answered by one of two queries chosen per search
 * ({@link TextSearchPlan}); every other search is one query left to the planner. Both text
 * queries apply the same conditions, so they return the same offers in the same order.
 */
final class OfferSearch {
    public enum Sort { NEWEST, NEAREST }

    /** Which query answered a search; tests and the benchmark look at it. */
    enum Path {
        /** One query, planned by PostgreSQL: listings, and searches nearest first. */
        PLANNED,
        /** Newest first, walking the newest offers and testing their text. */
        RECENT_FIRST,
        /** Every text match from the full-text index, newest kept. */
        TEXT_INDEX,
        /** The walk gave up before a page was full; the full-text index answered. */
        RECENT_FIRST_THEN_TEXT_INDEX
    }

    /** A point and a radius to search around; coordinates are rounded to the grid like offers. */
    record Near(double latitude, double longitude, double withinKm) {
    }

    record Query(String text, Set<OfferKind> kinds, Set<Category> categories, Set<OfferState> states,
            Long collectiveId, Near near, Sort sort, int limit, SearchCursor after) {

        boolean hasText() {
            return text != null && !text.isBlank();
        }
    }

    /** @param distances in km from the search point, {@code null} entries when no point was given */
    record Page(List<Offer> offers, List<Double> distances, Optional<String> nextCursor, Path path) {
    }

    /** A statement as sent, for the benchmark to explain the slow ones. */
    record Statement(String sql, Tuple params) {
    }

    private static final double EARTH_KM = 6371.0;
    /** A word that no offer can hold: lexemes never contain a space. */
    private static final String NO_SUCH_WORD = "'''no such word'''::tsquery";

    private final OfferRepository offers;
    private final TextSearchPlan.Chooser chooser;
    private final Consumer<Statement> sent;

    OfferSearch(OfferRepository offers) {
        this(offers, TextSearchPlan::byCost, statement -> { });
    }

    OfferSearch(OfferRepository offers, TextSearchPlan.Chooser chooser, Consumer<Statement> sent) {
        this.offers = offers;
        this.chooser = chooser;
        this.sent = sent;
    }

    /** A small builder: fixed SQL text, values only ever as numbered parameters. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        String param(Object value) {
            params.add(value);
            return "$" + params.size();
        }

        Sql append(String fragment) {
            text.append(fragment);
            return this;
        }
    }

    Future<Page> search(SqlClient client, Query q, Optional<Viewer> viewer) {
        if (q.sort() != Sort.NEWEST || !q.hasText()) {
            return page(client, q, planned(q, viewer), Path.PLANNED);
        }
        return estimate(client, q, viewer)
                .map(estimate -> chooser.choose(estimate, q.limit() + 1))
                .compose(plan -> plan.route() == TextSearchPlan.Route.TEXT_INDEX
                        ? page(client, q, textIndex(q, viewer), Path.TEXT_INDEX)
                        : walk(client, q, viewer, plan));
    }

    /** A full page from the walk, or everything it could see; else the text index answers. */
    private Future<Page> walk(SqlClient client, Query q, Optional<Viewer> viewer, TextSearchPlan plan) {
        return run(client, recentFirst(q, viewer, plan)).compose(rows -> rows.size() > q.limit() || plan.exhaustive()
                ? toPage(client, q, rows, Path.RECENT_FIRST)
                : page(client, q, textIndex(q, viewer), Path.RECENT_FIRST_THEN_TEXT_INDEX));
    }

    /** The single query of listings and nearest-first searches, as PostgreSQL plans it. */
    private static Sql planned(Query q, Optional<Viewer> viewer) {
        Sql sql = new Sql();
        String distance = q.near() == null ? null : distance(sql, q.near());
        sql.append("SELECT ").append(columns(distance)).append(" FROM ").append(Offer.FROM)
                .append(" WHERE o.deleted_at IS NULL");
        visibility(sql, "o", viewer);
        if (q.hasText()) {
            sql.append(" AND o.search @@ ").append(tsquery(sql, q.text()));
        }
        filters(sql, "o", q);
        collective(sql, "o", q);
        near(sql, q, distance);
        if (q.sort() == Sort.NEAREST) {
            if (q.after() != null) {
                sql.append(" AND (").append(distance).append(", o.id) > (").append(sql.param(q.after().distance()))
                        .append(", ").append(sql.param(q.after().id())).append(")");
            }
            sql.append(" ORDER BY distance_km, o.id");
        } else {
            after(sql, "o", q);
            sql.append(" ORDER BY o.published_at DESC, o.id DESC");
        }
        sql.append(" LIMIT ").append(sql.param(q.limit() + 1));
        return sql;
    }

    /**
     * The walk: the newest offers after the cursor from the index alone (at most {@code window}),
     * those passing the filters that live in the index (at most {@code candidates}), then their
     * rows for the text and the other conditions, in the same order, until a page is full. The
     * window is the range of an index: all offers, a collective's, or those of one kind or one
     * category when only one is asked for.
     */
    private static Sql recentFirst(Query q, Optional<Viewer> viewer, TextSearchPlan plan) {
        Sql sql = new Sql();
        String distance = q.near() == null ? null : distance(sql, q.near());
        sql.append("SELECT ").append(columns(distance)).append(" FROM (SELECT w.id, w.published_at FROM (")
                .append("SELECT o.id, o.published_at, o.kind, o.category, o.state, o.visibility FROM offers o")
                .append(" WHERE o.deleted_at IS NULL");
        window(sql, q);
        sql.append(" ORDER BY o.published_at DESC, o.id DESC").append(limit(sql, plan.window())).append(") w")
                .append(" WHERE true");
        if (viewer.isEmpty()) {
            visibility(sql, "w", viewer);
        }
        filtersBeyondWindow(sql, "w", q);
        sql.append(" ORDER BY w.published_at DESC, w.id DESC").append(limit(sql, plan.candidates())).append(") c")
                .append(" JOIN (").append(Offer.FROM).append(") ON o.id = c.id")
                .append(" WHERE o.search @@ ").append(once(tsquery(sql, q.text())));
        if (viewer.isPresent()) {
            visibility(sql, "o", viewer);
        }
        near(sql, q, distance);
        sql.append(" ORDER BY c.published_at DESC, c.id DESC LIMIT ").append(sql.param(q.limit() + 1));
        return sql;
    }

    /**
     * Every match from the full-text index, then the other conditions on them, the newest kept by
     * a sort of the matches alone, then their rows. The matches are fenced off ({@code OFFSET 0}):
     * the planner sees neither the order (so it does not walk the newest-first index, the choice
     * is made) nor the filters (so it does not read the hundred thousand entries of one kind in
     * an index to intersect them with the one offer that has a rare word).
     */
    private static Sql textIndex(Query q, Optional<Viewer> viewer) {
        Sql sql = new Sql();
        String distance = q.near() == null ? null : distance(sql, q.near());
        sql.append("SELECT ").append(columns(distance)).append(" FROM (SELECT o.id, o.published_at FROM (")
                .append("SELECT o.id, o.published_at, o.kind, o.category, o.state, o.visibility, o.collective_id,")
                .append(" o.author_id, o.latitude, o.longitude FROM offers o")
                .append(" WHERE o.deleted_at IS NULL AND o.search @@ ").append(once(tsquery(sql, q.text())))
                .append(" OFFSET 0) o WHERE true");
        visibility(sql, "o", viewer);
        filters(sql, "o", q);
        collective(sql, "o", q);
        near(sql, q, distance);
        after(sql, "o", q);
        sql.append(" ORDER BY o.published_at DESC, o.id DESC LIMIT ").append(sql.param(q.limit() + 1))
                .append(") c JOIN (").append(Offer.FROM).append(") ON o.id = c.id")
                .append(" ORDER BY c.published_at DESC, c.id DESC");
        return sql;
    }

    /**
     * The planner's row estimates for {@link TextSearchPlan}: one {@code EXPLAIN} (nothing runs) of
     * five counts in a row, so that each appears as one branch of the plan with its estimate, in
     * the order of {@link TextSearchPlan.Estimate}. The text is written out here (not computed
     * once) so that the planner sees the words.
     */
    private Future<TextSearchPlan.Estimate> estimate(SqlClient client, Query q, Optional<Viewer> viewer) {
        Sql sql = new Sql();
        String distance = q.near() == null ? null : distance(sql, q.near());
        String text = tsquery(sql, q.text());
        sql.append("EXPLAIN (FORMAT JSON) ");
        offersInWindow(sql, q);
        sql.append(" UNION ALL ");
        offersInWindow(sql, q);
        sql.append(" AND o.search @@ ").append(text);
        sql.append(" UNION ALL ");
        offersInWindow(sql, q);
        sql.append(" AND o.search @@ ").append(text);
        visibility(sql, "o", viewer);
        filtersBeyondWindow(sql, "o", q);
        near(sql, q, distance);
        sql.append(" UNION ALL ");
        offersInWindow(sql, q);
        sql.append(" AND o.search @@ ").append(NO_SUCH_WORD);
        sql.append(" UNION ALL SELECT 1 FROM offers o WHERE o.deleted_at IS NULL");
        collective(sql, "o", q);
        after(sql, "o", q);
        return run(client, sql).map(rows -> estimateFrom(rows.iterator().next().getValue(0)));
    }

    private static void offersInWindow(Sql sql, Query q) {
        sql.append("SELECT 1 FROM offers o WHERE o.deleted_at IS NULL");
        window(sql, q);
    }

    /**
     * The five branch estimates of the plan. Without them, one row each: the text index answers,
     * which is right whatever the words, if slow for common ones.
     */
    static TextSearchPlan.Estimate estimateFrom(Object explained) {
        try {
            JsonArray document = explained instanceof JsonArray a ? a : new JsonArray(String.valueOf(explained));
            JsonArray branches = document.getJsonObject(0).getJsonObject("Plan").getJsonArray("Plans");
            double[] rows = new double[5];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = ((JsonObject) branches.getValue(i)).getDouble("Plan Rows");
            }
            return new TextSearchPlan.Estimate(rows[0], rows[1], rows[2], rows[3], rows[4]);
        } catch (RuntimeException e) {
            return new TextSearchPlan.Estimate(1, 1, 1, 1, 1);
        }
    }

    private Future<RowSet<Row>> run(SqlClient client, Sql sql) {
        Tuple params = Tuple.from(sql.params);
        sent.accept(new Statement(sql.text.toString(), params));
        return client.preparedQuery(sql.text.toString()).execute(params);
    }

    private Future<Page> page(SqlClient client, Query q, Sql sql, Path path) {
        return run(client, sql).compose(rows -> toPage(client, q, rows, path));
    }

    private Future<Page> toPage(SqlClient client, Query q, RowSet<Row> rows, Path path) {
        boolean withDistance = q.near() != null;
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
                        Collections.unmodifiableList(new ArrayList<>(pageDistances)), next, path));
    }

    private static String columns(String distance) {
        return distance == null ? Offer.COLUMNS : Offer.COLUMNS + ", " + distance + " AS distance_km";
    }

    private static String distance(Sql sql, Near near) {
        String lat = sql.param(near.latitude());
        String lon = sql.param(near.longitude());
        return "(" + EARTH_KM + " * 2 * asin(sqrt(power(sin(radians(o.latitude - " + lat + ") / 2), 2)"
                + " + cos(radians(" + lat + ")) * cos(radians(o.latitude))"
                + " * power(sin(radians(o.longitude - " + lon + ") / 2), 2))))";
    }

    /** The words, in French and in English, accents removed: what {@code offers.search} holds. */
    private static String tsquery(Sql sql, String text) {
        String p = sql.param(text);
        return "(websearch_to_tsquery('french', entraide_unaccent(" + p + "))"
                + " || websearch_to_tsquery('english', entraide_unaccent(" + p + ")))";
    }

    /**
     * Computed once per statement: a cached generic plan would otherwise parse the words again
     * for every row it tests.
     */
    private static String once(String expression) {
        return "(SELECT " + expression + ")";
    }

    /**
     * A bound on a step of the walk. Unbounded, the step is still fenced off ({@code OFFSET 0}) so
     * that the planner cannot merge the filters into the walk and, guessing few offers pass them,
     * read them all and sort them instead of walking in order.
     */
    private static String limit(Sql sql, long rows) {
        return rows == TextSearchPlan.UNBOUNDED ? " OFFSET 0" : " LIMIT " + sql.param(rows);
    }

    private static void filters(Sql sql, String alias, Query q) {
        filters(sql, alias, q, 0);
    }

    /** The filters that {@link #window} has not applied already: the same condition twice would be counted twice. */
    private static void filtersBeyondWindow(Sql sql, String alias, Query q) {
        filters(sql, alias, q, 1);
    }

    /** Kinds and categories when more than {@code applied} are asked for (that many are applied already); states. */
    private static void filters(Sql sql, String alias, Query q, int applied) {
        if (q.kinds().size() > applied) {
            sql.append(" AND ").append(alias).append(".kind = ANY(")
                    .append(sql.param(q.kinds().stream().map(OfferKind::key).toArray(String[]::new))).append(")");
        }
        if (q.categories().size() > applied) {
            sql.append(" AND ").append(alias).append(".category = ANY(")
                    .append(sql.param(q.categories().stream().map(Category::key).toArray(String[]::new))).append(")");
        }
        if (!q.states().isEmpty()) {
            sql.append(" AND ").append(alias).append(".state = ANY(")
                    .append(sql.param(q.states().stream().map(OfferState::key).toArray(String[]::new))).append(")");
        }
    }

    /**
     * The offers a walk reads, as the range of one index: after the cursor, in the collective, of
     * the one kind or the one category asked for (the planner takes whichever index is narrowest).
     */
    private static void window(Sql sql, Query q) {
        collective(sql, "o", q);
        if (q.kinds().size() == 1) {
            sql.append(" AND o.kind = ").append(sql.param(q.kinds().iterator().next().key()));
        }
        if (q.categories().size() == 1) {
            sql.append(" AND o.category = ").append(sql.param(q.categories().iterator().next().key()));
        }
        after(sql, "o", q);
    }

    private static void collective(Sql sql, String alias, Query q) {
        if (q.collectiveId() != null) {
            sql.append(" AND ").append(alias).append(".collective_id = ").append(sql.param(q.collectiveId()));
        }
    }

    /** Newest first: strictly older than the last offer of the previous page. */
    private static void after(Sql sql, String alias, Query q) {
        if (q.sort() == Sort.NEWEST && q.after() != null) {
            sql.append(" AND (").append(alias).append(".published_at, ").append(alias).append(".id) < (")
                    .append(sql.param(q.after().publishedAt())).append(", ").append(sql.param(q.after().id()))
                    .append(")");
        }
    }

    /** A bounding box the index can use, then the exact great-circle distance. */
    private static void near(Sql sql, Query q, String distance) {
        if (q.near() == null) {
            return;
        }
        double dLat = Math.toDegrees(q.near().withinKm() / EARTH_KM);
        double cos = Math.max(Math.cos(Math.toRadians(q.near().latitude())), 0.01);
        double dLon = Math.min(180, dLat / cos);
        sql.append(" AND o.latitude BETWEEN ").append(sql.param(q.near().latitude() - dLat)).append(" AND ")
                .append(sql.param(q.near().latitude() + dLat))
                .append(" AND o.longitude BETWEEN ").append(sql.param(q.near().longitude() - dLon)).append(" AND ")
                .append(sql.param(q.near().longitude() + dLon))
                .append(" AND ").append(distance).append(" <= ").append(sql.param(q.near().withinKm()));
    }

    /** Anonymous visitors see public offers; members also see their collective's, and followed collectives'. */
    private static void visibility(Sql sql, String alias, Optional<Viewer> viewer) {
        if (viewer.isEmpty()) {
            sql.append(" AND ").append(alias).append(".visibility = 'public'");
            return;
        }
        String me = sql.param(viewer.get().actorId());
        String mine = sql.param(viewer.get().collectiveId());
        sql.append(" AND (").append(alias).append(".visibility = 'public' OR ").append(alias).append(".author_id = ")
                .append(me).append(" OR ").append(alias).append(".collective_id = ").append(mine)
                .append(" OR (").append(alias).append(".visibility = 'followers' AND EXISTS (SELECT 1 FROM follows f")
                .append(" WHERE f.follower_id = ").append(me).append(" AND f.followed_id = ").append(alias)
                .append(".collective_id AND f.state = 'accepted')))");
    }
}
