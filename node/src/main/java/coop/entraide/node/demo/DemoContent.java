package coop.entraide.node.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's sample life, made through each node's public JSON API exactly as members would: the
 * two collectives follow each other, members follow the other neighbourhood, post news, publish
 * offers, and the Capucins open a campaign. Run once per demo data directory.
 *
 * <p>A step that fails is reported and skipped: a demo with one missing sample is still a demo.
 */
final class DemoContent {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new HashMap<>();
    private final PrintWriter out;

    DemoContent(PrintWriter out) {
        this.out = out;
    }

    /** {@code a} and {@code b} are the base URLs of the Capucins' and the Croix-Rousse's nodes. */
    void create(URI a, URI b) {
        String capucins = "@capucins@" + a.getRawAuthority();
        String croixRousse = "@croixrousse@" + b.getRawAuthority();

        step("the Croix-Rousse follows the Capucins", b, "dalia", "POST", "/api/v1/follows",
                new JsonObject().put("handle", capucins).put("as", "collective"));
        step("the Capucins follow the Croix-Rousse", a, "alice", "POST", "/api/v1/follows",
                new JsonObject().put("handle", croixRousse).put("as", "collective"));
        step("Émile follows the Capucins", b, "emile", "POST", "/api/v1/follows", new JsonObject().put("handle", capucins));
        step("Bruno follows the Croix-Rousse", a, "bruno", "POST", "/api/v1/follows", new JsonObject().put("handle", croixRousse));

        step("Alice's news", a, "alice", "POST", "/api/v1/posts", new JsonObject().put("visibility", "public")
                .put("content", "Le repair café reprend samedi à 10 h à la maison de quartier. Apportez ce qui est cassé !"));
        step("Dalia's news", b, "dalia", "POST", "/api/v1/posts", new JsonObject().put("visibility", "public")
                .put("content", "L'épicerie solidaire cherche des bénévoles pour la collecte de décembre."));

        step("Bruno lends his drill", a, "bruno", "POST", "/api/v1/offers", new JsonObject()
                .put("kind", "lend").put("title", "Perceuse à percussion").put("category", "tools")
                .put("description", "Avec un jeu de forets béton. Idéale pour accrocher étagères et tringles.")
                .put("loan_period_days", 7).put("deposit", new JsonObject().put("amount", "20").put("currency", "EUR")));
        step("Chloé gives children's books", a, "chloe", "POST", "/api/v1/offers", new JsonObject()
                .put("kind", "give").put("title", "Livres pour enfants (3-6 ans)").put("category", "books")
                .put("description", "Une vingtaine d'albums en bon état."));
        step("Émile gives tomato seedlings", b, "emile", "POST", "/api/v1/offers", new JsonObject()
                .put("kind", "give").put("title", "Plants de tomates cœur de bœuf").put("category", "garden")
                .put("description", "Une douzaine de plants, à venir chercher au jardin partagé."));
        step("Dalia asks for a hand truck", b, "dalia", "POST", "/api/v1/offers", new JsonObject()
                .put("kind", "request").put("title", "Cherche un diable pour déménager l'épicerie").put("category", "tools"));

        step("the Capucins' bank details", a, "alice", "PUT", "/api/v1/collectives/capucins/funding", new JsonObject()
                .put("legal_name", "Association Voisins des Capucins").put("address", "3 rue des Capucins, 69001 Lyon")
                .put("object", "Entraide et vie de quartier").put("iban", "FR14 2004 1010 0505 0001 3M02 606")
                .put("tax_receipts", true));
        JsonObject campaign = step("the Capucins' campaign", a, "alice", "POST", "/api/v1/collectives/capucins/campaigns",
                new JsonObject().put("title", "Un local pour le repair café")
                        .put("description", "Louer et équiper un petit local pour réparer ensemble toute l'année.")
                        .put("goal", "3000").put("currency", "EUR")
                        .put("ends_at", Instant.now().plus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
                        .put("rule", "keep_what_is_raised")
                        .put("tiers", new JsonArray()
                                .add(new JsonObject().put("amount", "10").put("title", "Un coup de pouce"))
                                .add(new JsonObject().put("amount", "50").put("title", "Une boîte à outils"))));
        if (campaign != null && campaign.getValue("id") != null) {
            step("publishing the campaign", a, "alice", "POST", "/api/v1/campaigns/" + campaign.getValue("id") + "/publish",
                    new JsonObject());
        }
    }

    /** One API call as a member; returns the JSON answer, or null (after saying so) when it failed. */
    private JsonObject step(String what, URI node, String member, String method, String path, JsonObject body) {
        try {
            String token = token(node, member);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                out.println("  (demo: " + what + " was skipped: " + r.statusCode() + " " + detail(r.body()) + ")");
                return null;
            }
            return r.body().isBlank() || !r.body().startsWith("{") ? new JsonObject() : new JsonObject(r.body());
        } catch (IOException | RuntimeException e) {
            out.println("  (demo: " + what + " was skipped: " + e.getMessage() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String token(URI node, String member) throws IOException, InterruptedException {
        String key = node + " " + member;
        String known = tokens.get(key);
        if (known != null) {
            return known;
        }
        DemoNeighbourhood.Person person = new DemoNeighbourhood.Person(member, member, null, "");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve("/api/v1/sessions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("username", member).put("password", person.password()).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(member + " could not sign in (" + r.statusCode() + ")");
        }
        String token = new JsonObject(r.body()).getString("token");
        tokens.put(key, token);
        return token;
    }

    private static String detail(String body) {
        try {
            JsonObject problem = new JsonObject(body);
            String detail = problem.getString("detail", "");
            JsonArray errors = problem.getJsonArray("errors");
            return errors == null ? detail : detail + " " + errors.encode();
        } catch (RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
