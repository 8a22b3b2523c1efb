package coop.entraide.node.offers;

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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Search with 1,000,000 offers in the database (docs/benchmarks.md). Opt-in, it takes minutes:
 * {@code mvn -B -o -pl protocol,node -am test -Dtest=OfferSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dentraide.bench=true}.
 * Offers are inserted in bulk with {@code generate_series}; then a text query with filters is timed
 * many times (median, p99), and a collective's offers are listed page by page to show the cost of
 * a page does not grow with its depth.
 */
@EnabledIfSystemProperty(named = "entraide.bench", matches = "true")
class OfferSearchBenchmark {
    static final int OFFERS = Integer.getInteger("entraide.bench.offers", 1_000_000);
    static final String[] WORDS = {"vélo", "perceuse", "table", "chaise", "livres", "poussette", "lampe", "canapé",
            "tondeuse", "échelle", "manteau", "jouets", "casserole", "ordinateur", "raquette", "bicycle", "drill",
            "ladder", "jacket", "sofa"};

    @Test
    void searchAndPaging() throws Exception {
        Path dir = Files.createTempDirectory("entraide-bench");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            Vertx vertx = Vertx.vertx();
            Pool pool = Database.pool(vertx, db.url(), 4);
            Blocking.await(Migrations.bundled().migrate(pool), 120, "migrate");
            long start = System.nanoTime();
            Blocking.await(pool.query("""
                    INSERT INTO actors (uri, type, username, domain, inbox_uri, fetched_at)
                    SELECT 'https://n' || (g % 20) || '.example/' || CASE WHEN g < 20 THEN 'c/' ELSE 'u/' END || g,
                           CASE WHEN g < 20 THEN 'Group' ELSE 'Person' END, 'a' || g, 'n' || (g % 20) || '.example',
                           'https://n' || (g % 20) || '.example/inbox', now()
                    FROM generate_series(0, 2019) g""").execute(), 120, "actors");
            String words = "ARRAY['" + String.join("','", WORDS) + "']";
            Blocking.await(pool.query("""
                    INSERT INTO offers (uri, local, author_id, collective_id, kind, state, title, description, category,
                                        price_amount, price_currency, latitude, longitude, visibility, published_at)
                    SELECT 'https://bench.example/offers/' || g, true,
                           (SELECT min(id) FROM actors) + 20 + (g % 2000), (SELECT min(id) FROM actors) + (g % 20),
                           k.kind, CASE WHEN g % 10 = 0 THEN 'reserved' ELSE 'available' END,
                           initcap(w.a[1 + g % 20]) || ' ' || w.a[1 + (g / 20) % 20] || ' n°' || g,
                           'Très bon état, ' || w.a[1 + (g / 400) % 20] || ' et ' || w.a[1 + (g / 7) % 20] || ' à donner',
                           (ARRAY['tools','kitchen','children','books','garden','electronics','furniture','clothes',
                                  'sport','services','other'])[1 + g % 11],
                           CASE WHEN k.kind = 'sell' THEN (g % 100)::numeric ELSE NULL END,
                           CASE WHEN k.kind = 'sell' THEN 'EUR' ELSE NULL END,
                           round((45.70 + (g % 17) * 0.01)::numeric, 2), round((4.80 + (g % 13) * 0.01)::numeric, 2),
                           'public', now() - make_interval(secs => g)
                    FROM generate_series(1, :offers) g,
                         LATERAL (SELECT (ARRAY['give','lend','swap','sell','service','request'])[1 + g % 6] AS kind) k,
                         LATERAL (SELECT :words AS a) w""".replace(":offers", Integer.toString(OFFERS))
                    .replace(":words", words)).execute(), 3600, "offers");
            System.out.printf("inserted %,d offers in %.1f s%n", OFFERS, (System.nanoTime() - start) / 1e9);
            // What autovacuum does after a bulk insert: statistics, and the visibility map that lets
            // the newest-first walk read kind, category and state from the index alone.
            long vacuum = System.nanoTime();
            Blocking.await(pool.query("VACUUM (ANALYZE) offers").execute(), 600, "vacuum");
            Blocking.await(pool.query("ANALYZE").execute(), 600, "analyze");
            Row visibility = Blocking.await(pool.query("SELECT relallvisible, relpages FROM pg_class WHERE relname = 'offers'")
                    .execute(), 10, "pages").iterator().next();
            System.out.printf("vacuum and analyze in %.1f s; %,d of %,d pages all-visible%n",
                    (System.nanoTime() - vacuum) / 1e9, visibility.getInteger("relallvisible"), visibility.getInteger("relpages"));

            List<OfferSearch.Statement> sent = new ArrayList<>();
            OfferSearch search = new OfferSearch(new OfferService(pool, Clock.systemUTC(),
                    new Uris(URI.create("https://bench.example")), OfferPublications.NONE).offers(),
                    TextSearchPlan::byCost, sent::add);
            Random random = new Random(7);
            List<Timed> text = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String q = WORDS[random.nextInt(WORDS.length)] + (i % 2 == 0 ? "" : " " + WORDS[random.nextInt(WORDS.length)]);
                Timed timed = time(pool, search, sent, new OfferSearch.Query(q, EnumSet.of(OfferKind.values()[i % 6]),
                        i % 3 == 0 ? EnumSet.of(Category.values()[i % 11]) : EnumSet.noneOf(Category.class),
                        EnumSet.of(OfferState.AVAILABLE), null, null, OfferSearch.Sort.NEWEST, 20, null));
                if (i >= 50) {
                    text.add(timed);
                }
            }
            report("text query + kind (+ category every third) + state, newest first, 20 per page",
                    text.stream().map(Timed::millis).toList());
            paths(text);
            report("  of which the estimate (EXPLAIN of the counts), run again", estimates(pool, text));
            explainSlowest(pool, text, 3);

            // Rare words: an offer's own number (one match, or none for numbers past the last offer).
            List<Timed> rare = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String q = "n°" + (1 + random.nextInt(OFFERS + OFFERS / 10));
                Timed timed = time(pool, search, sent, new OfferSearch.Query(q, EnumSet.of(OfferKind.values()[i % 6]),
                        EnumSet.noneOf(Category.class), EnumSet.of(OfferState.AVAILABLE), null, null,
                        OfferSearch.Sort.NEWEST, 20, null));
                if (i >= 50) {
                    rare.add(timed);
                }
            }
            report("rare word (one match or none) + kind + state, newest first, 20 per page",
                    rare.stream().map(Timed::millis).toList());
            paths(rare);
            explainSlowest(pool, rare, 1);

            long collective = Blocking.await(pool.query("SELECT min(id) AS id FROM actors").execute(), 10, "c")
                    .iterator().next().getLong("id") + 3;
            SearchCursor after = null;
            List<Double> pages = new ArrayList<>();
            for (int page = 1; page <= 1000; page++) {
                OfferSearch.Query query = new OfferSearch.Query(null, EnumSet.noneOf(OfferKind.class),
                        EnumSet.noneOf(Category.class), EnumSet.noneOf(OfferState.class), collective, null,
                        OfferSearch.Sort.NEWEST, 20, after);
                long t = System.nanoTime();
                OfferSearch.Page result = Blocking.await(pool.withConnection(c -> search.search(c, query,
                        Optional.empty())), 60, "page");
                double ms = (System.nanoTime() - t) / 1e6;
                pages.add(ms);
                after = SearchCursor.decode(result.nextCursor().orElseThrow()).orElseThrow();
            }
            for (int p : new int[] {1, 10, 100, 500, 1000}) {
                List<Double> around = pages.subList(Math.max(0, p - 10), p);
                System.out.printf("collective listing, page %4d: median of pages %d..%d = %.2f ms%n", p,
                        Math.max(1, p - 9), p, percentile(around, 50));
            }
            report("collective listing, all 1000 pages", pages);
            Blocking.await(pool.close(), 10, "close");
            Blocking.await(vertx.close(), 10, "close");
        }
    }

    /** One search: its time, the route that answered and the statements it sent. */
    record Timed(OfferSearch.Query query, double millis, OfferSearch.Path path, List<OfferSearch.Statement> sent) {
    }

    private static Timed time(Pool pool, OfferSearch search, List<OfferSearch.Statement> sent, OfferSearch.Query query) {
        sent.clear();
        long t = System.nanoTime();
        OfferSearch.Page page = Blocking.await(pool.withConnection(c -> search.search(c, query, Optional.empty())), 60,
                "search");
        return new Timed(query, (System.nanoTime() - t) / 1e6, page.path(), List.copyOf(sent));
    }

    private static void paths(List<Timed> searches) {
        Map<OfferSearch.Path, Long> counts = new TreeMap<>();
        searches.forEach(s -> counts.merge(s.path(), 1L, Long::sum));
        System.out.println("  answered by: " + counts);
    }

    /** How long the planner's estimates take, each search's first statement run again alone. */
    private static List<Double> estimates(Pool pool, List<Timed> searches) {
        List<Double> millis = new ArrayList<>();
        for (Timed s : searches) {
            OfferSearch.Statement first = s.sent().get(0);
            long t = System.nanoTime();
            Blocking.await(pool.preparedQuery(first.sql()).execute(first.params()), 60, "estimate");
            millis.add((System.nanoTime() - t) / 1e6);
        }
        return millis;
    }

    /** The plans of the slowest searches, run again with EXPLAIN (ANALYZE, BUFFERS). */
    private static void explainSlowest(Pool pool, List<Timed> searches, int how) {
        List<Timed> slowest = new ArrayList<>(searches);
        slowest.sort(Comparator.comparingDouble(Timed::millis).reversed());
        for (Timed s : slowest.subList(0, Math.min(how, slowest.size()))) {
            System.out.printf("%n-- %.2f ms, %s: q=\"%s\" kinds=%s categories=%s%n", s.millis(), s.path(),
                    s.query().text(), s.query().kinds(), s.query().categories());
            for (OfferSearch.Statement statement : s.sent()) {
                boolean estimate = statement.sql().startsWith("EXPLAIN");
                String sql = estimate ? statement.sql() : "EXPLAIN (ANALYZE, BUFFERS) " + statement.sql();
                System.out.println(statement.sql());
                Blocking.await(pool.preparedQuery(sql).execute(statement.params()), 60, "explain")
                        .forEach(row -> System.out.println("   " + row.getValue(0)));
            }
        }
        System.out.println();
    }

    private static void report(String what, List<Double> millis) {
        System.out.printf("%s: n=%d median=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", what, millis.size(),
                percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), percentile(millis, 100));
    }

    private static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
