package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.Uris;
import coop.entraide.node.store.Database;
import coop.entraide.node.store.EmbeddedDatabase;
import coop.entraide.node.store.Migrations;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two ways of answering a newest-first text search (a walk of the newest offers, the text
 * index) and the walk that gives up and falls back: each must return exactly what the reference
 * query returns, page after page, whatever the words are common or rare.
 */
class OfferSearchStrategiesTest {
    private static final int OFFERS = 600;
    private static final String[] WORDS = {"vélo", "perceuse", "échelle", "table", "lampe", "bicycle", "drill",
            "ladder", "canapé", "jouets"};

    private static EmbeddedDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static OfferRepository repository;
    private static long firstActor;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("entraide-search-strategies");
        db = EmbeddedDatabase.start(dir);
        vertx = Vertx.vertx();
        pool = Database.pool(vertx, db.url(), 2);
        Blocking.await(Migrations.bundled().migrate(pool), 120, "migrate");
        // Two collectives (ids +0, +1), four people (+2 .. +5).
        Blocking.await(pool.query("""
                INSERT INTO actors (uri, type, username, domain, inbox_uri, fetched_at)
                SELECT 'https://n' || g || '.example/' || CASE WHEN g < 2 THEN 'c/' ELSE 'u/' END || g,
                       CASE WHEN g < 2 THEN 'Group' ELSE 'Person' END, 'a' || g, 'n' || (g % 2) || '.example',
                       'https://n' || (g % 2) || '.example/inbox', now()
                FROM generate_series(0, 5) g""").execute(), 30, "actors");
        firstActor = Blocking.await(pool.query("SELECT min(id) AS id FROM actors").execute(), 10, "first")
                .iterator().next().getLong("id");
        String words = "ARRAY['" + String.join("','", WORDS) + "']";
        // Every third offer shares its publication time with its neighbours (the cursor's id breaks
        // the tie); "trombone" is rare, the ten words are common; some offers are deleted, some
        // for followers only, some far away.
        Blocking.await(pool.query("""
                INSERT INTO offers (uri, local, author_id, collective_id, kind, state, title, description, category,
                                    price_amount, price_currency, latitude, longitude, visibility, published_at,
                                    deleted_at)
                SELECT 'https://test.example/offers/' || g, true, :first + 2 + g % 4, :first + g % 2,
                       k.kind, CASE WHEN g % 7 = 0 THEN 'reserved' ELSE 'available' END,
                       initcap(w.a[1 + g % 10]) || ' ' || w.a[1 + (g / 10) % 10]
                           || CASE WHEN g % 97 = 0 THEN ' trombone' ELSE '' END,
                       'Bon état, ' || w.a[1 + (g / 3) % 10] || ' à donner',
                       (ARRAY['tools','kitchen','books','sport'])[1 + g % 4],
                       CASE WHEN k.kind = 'sell' THEN 5 ELSE NULL END, CASE WHEN k.kind = 'sell' THEN 'EUR' END,
                       CASE WHEN g % 5 = 0 THEN 48.85 ELSE 45.76 END, CASE WHEN g % 5 = 0 THEN 2.35 ELSE 4.83 END,
                       CASE WHEN g % 11 = 0 THEN 'followers' ELSE 'public' END,
                       timestamptz '2025-06-01 12:00:00+00' - make_interval(mins => g / 3),
                       CASE WHEN g % 13 = 0 THEN now() END
                FROM generate_series(1, :offers) g,
                     LATERAL (SELECT (ARRAY['give','lend','sell','request'])[1 + g % 4] AS kind) k,
                     LATERAL (SELECT :words AS a) w"""
                .replace(":first", Long.toString(firstActor)).replace(":offers", Integer.toString(OFFERS))
                .replace(":words", words)).execute(), 60, "offers");
        Blocking.await(pool.query("VACUUM ANALYZE offers").execute(), 60, "analyze");
        repository = new OfferService(pool, Clock.systemUTC(), new Uris(URI.create("https://test.example")),
                OfferPublications.NONE).offers();
    }

    @AfterAll
    static void stop() {
        Blocking.await(pool.close(), 10, "close");
        Blocking.await(vertx.close(), 10, "close");
        db.close();
    }

    private static OfferSearch.Query query(String text, Set<OfferKind> kinds, Set<Category> categories,
            Set<OfferState> states, Long collective, OfferSearch.Near near, SearchCursor after) {
        return new OfferSearch.Query(text, kinds, categories, states, collective, near, OfferSearch.Sort.NEWEST, 7,
                after);
    }

    /** Searches that each route must answer alike: common, combined, rare and absent words, filters. */
    private static List<OfferSearch.Query> searches() {
        Set<OfferKind> noKind = EnumSet.noneOf(OfferKind.class);
        Set<Category> noCategory = EnumSet.noneOf(Category.class);
        Set<OfferState> available = EnumSet.of(OfferState.AVAILABLE);
        return List.of(
                query("velo", noKind, noCategory, available, null, null, null),
                query("VÉLOS", EnumSet.of(OfferKind.GIVE), noCategory, available, null, null, null),
                query("perceuse table", EnumSet.of(OfferKind.LEND, OfferKind.SELL), noCategory, available, null,
                        null, null),
                query("ladder", noKind, EnumSet.of(Category.BOOKS), EnumSet.noneOf(OfferState.class), null, null,
                        null),
                query("bicycle", noKind, noCategory, EnumSet.of(OfferState.RESERVED), firstActor + 1, null, null),
                query("table", EnumSet.of(OfferKind.SELL), EnumSet.of(Category.BOOKS, Category.KITCHEN), available,
                        null, null, null),
                query("lampe", EnumSet.of(OfferKind.GIVE), EnumSet.of(Category.TOOLS),
                        EnumSet.of(OfferState.AVAILABLE, OfferState.RESERVED), firstActor, null, null),
                query("trombone", noKind, noCategory, available, null, null, null),
                query("\"velo perceuse\"", noKind, noCategory, available, null, null, null),
                query("echelle -lampe", noKind, noCategory, available, null, null, null),
                query("jouets", noKind, noCategory, available, null, new OfferSearch.Near(45.76, 4.83, 10), null),
                query("xylophone", noKind, noCategory, available, null, null, null));
    }

    /** What the search means, in one plain statement: every page of a route must add up to it. */
    private static List<Long> reference(OfferSearch.Query q, Optional<Viewer> viewer) {
        String visibility = viewer.isEmpty() ? "o.visibility = 'public'"
                : "(o.visibility = 'public' OR o.author_id = $7 OR o.collective_id = $8 OR (o.visibility = 'followers'"
                        + " AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $7"
                        + " AND f.followed_id = o.collective_id AND f.state = 'accepted')))";
        String sql = """
                SELECT o.id FROM offers o
                WHERE o.deleted_at IS NULL AND %s
                  AND o.search @@ (websearch_to_tsquery('french', entraide_unaccent($1))
                                   || websearch_to_tsquery('english', entraide_unaccent($1)))
                  AND (cardinality($2::text[]) = 0 OR o.kind = ANY($2))
                  AND (cardinality($3::text[]) = 0 OR o.category = ANY($3))
                  AND (cardinality($4::text[]) = 0 OR o.state = ANY($4))
                  AND ($5::bigint IS NULL OR o.collective_id = $5)
                  AND ($6::float8 IS NULL OR (o.latitude = 45.76 AND o.longitude = 4.83))
                  AND ($7::bigint IS NULL OR true) AND ($8::bigint IS NULL OR true)
                ORDER BY o.published_at DESC, o.id DESC""".formatted(visibility);
        Tuple params = Tuple.of(q.text(), q.kinds().stream().map(OfferKind::key).toArray(String[]::new),
                q.categories().stream().map(Category::key).toArray(String[]::new),
                q.states().stream().map(OfferState::key).toArray(String[]::new), q.collectiveId(),
                q.near() == null ? null : q.near().withinKm());
        params.addValue(viewer.map(Viewer::actorId).orElse(null)).addValue(viewer.map(Viewer::collectiveId).orElse(null));
        List<Long> ids = new ArrayList<>();
        for (Row row : Blocking.await(pool.preparedQuery(sql).execute(params), 30, "reference")) {
            ids.add(row.getLong("id"));
        }
        return ids;
    }

    /** Every page, following the cursors; the routes taken are collected. */
    private static List<Long> allPages(OfferSearch search, OfferSearch.Query first, Optional<Viewer> viewer,
            Set<OfferSearch.Path> paths) {
        List<Long> ids = new ArrayList<>();
        OfferSearch.Query q = first;
        for (int page = 0; page < 200; page++) {
            OfferSearch.Query current = q;
            OfferSearch.Page result = Blocking.await(pool.withConnection(c -> search.search(c, current, viewer)),
                    30, "search");
            paths.add(result.path());
            result.offers().forEach(o -> ids.add(o.id()));
            if (result.nextCursor().isEmpty()) {
                return ids;
            }
            SearchCursor after = SearchCursor.decode(result.nextCursor().get()).orElseThrow();
            q = new OfferSearch.Query(q.text(), q.kinds(), q.categories(), q.states(), q.collectiveId(), q.near(),
                    q.sort(), q.limit(), after);
        }
        throw new AssertionError("more than 200 pages for " + first);
    }

    private static Set<OfferSearch.Path> sameAsReference(TextSearchPlan.Chooser chooser, Optional<Viewer> viewer) {
        OfferSearch search = new OfferSearch(repository, chooser, statement -> { });
        Set<OfferSearch.Path> paths = new HashSet<>();
        int nonEmpty = 0;
        for (OfferSearch.Query q : searches()) {
            List<Long> expected = reference(q, viewer);
            nonEmpty += expected.isEmpty() ? 0 : 1;
            assertEquals(expected, allPages(search, q, viewer, paths), q.text() + " " + q);
        }
        assertTrue(nonEmpty >= 10, "the searches find something: " + nonEmpty);
        return paths;
    }

    @Test
    void textIndexReturnsTheReferenceResults() {
        assertEquals(Set.of(OfferSearch.Path.TEXT_INDEX),
                sameAsReference((estimate, wanted) -> TextSearchPlan.textIndex(), Optional.empty()));
    }

    @Test
    void walkOfTheNewestReturnsTheReferenceResults() {
        assertEquals(Set.of(OfferSearch.Path.RECENT_FIRST), sameAsReference(
                (estimate, wanted) -> TextSearchPlan.recentFirst(TextSearchPlan.UNBOUNDED, TextSearchPlan.UNBOUNDED),
                Optional.empty()));
    }

    @Test
    void boundedWalkFallsBackToTheTextIndexWithTheSameResults() {
        Set<OfferSearch.Path> paths = sameAsReference((estimate, wanted) -> TextSearchPlan.recentFirst(40, 12),
                Optional.empty());
        assertEquals(Set.of(OfferSearch.Path.RECENT_FIRST, OfferSearch.Path.RECENT_FIRST_THEN_TEXT_INDEX), paths,
                "common words fill a page within 40 offers, rare ones do not");
    }

    @Test
    void chosenByCostReturnsTheReferenceResults() {
        List<TextSearchPlan.Estimate> seen = new ArrayList<>();
        sameAsReference((estimate, wanted) -> {
            seen.add(estimate);
            return TextSearchPlan.byCost(estimate, wanted);
        }, Optional.empty());
        TextSearchPlan.Estimate first = seen.get(0);
        assertTrue(first.offers() > OFFERS / 2.0 && first.offers() <= OFFERS, "planner's count of offers: " + first);
        assertTrue(first.textMatches() < first.offers() && first.matches() <= first.textMatches(), first.toString());
        assertTrue(first.textMatches() > 2 * first.unknownWord(), "a common word is known: " + first);
    }

    @Test
    void membersSeeTheSameThroughEveryRoute() {
        // Person +2 of collective +0 follows collective +1: followers-only offers of both are theirs to see.
        Blocking.await(pool.preparedQuery("""
                INSERT INTO follows (follower_id, followed_id, state, activity_uri) VALUES ($1, $2, 'accepted', $3)
                ON CONFLICT DO NOTHING""").execute(Tuple.of(firstActor + 2, firstActor + 1,
                "https://n0.example/follows/1")), 10, "follow");
        Viewer member = new Viewer(firstActor + 2, "https://n0.example/u/2", firstActor);
        Set<OfferSearch.Path> paths = new HashSet<>();
        paths.addAll(sameAsReference((estimate, wanted) -> TextSearchPlan.textIndex(), Optional.of(member)));
        paths.addAll(sameAsReference((estimate, wanted) -> TextSearchPlan.recentFirst(40, 12), Optional.of(member)));
        assertEquals(Set.of(OfferSearch.Path.TEXT_INDEX, OfferSearch.Path.RECENT_FIRST,
                OfferSearch.Path.RECENT_FIRST_THEN_TEXT_INDEX), paths);
        assertFalse(reference(searches().get(0), Optional.of(member)).equals(reference(searches().get(0),
                Optional.empty())), "followers-only offers make a difference here");
    }
}
