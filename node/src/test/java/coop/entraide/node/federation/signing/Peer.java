package coop.entraide.node.federation.signing;

import coop.entraide.node.Blocking;
import coop.entraide.protocol.as.Actor;
import coop.entraide.protocol.as.PublicKey;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.Keys;
import coop.entraide.protocol.keys.Pem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Another server with one actor, {@code ines}: answers WebFinger and its actor document, and
 * records each inbox POST as the kind of signature it carried and the status it got.
 */
final class Peer implements AutoCloseable {
    /**
     * SILENT advertises nothing and takes every signature; ADVERTISES offers Ed25519 (and RSA) in
     * {@code Accept-Signature}; the REFUSES modes answer 401 to the deliveries they name; the last
     * one advertises nothing and verifies draft-cavage only.
     */
    enum Mode { SILENT, ADVERTISES, ADVERTISES_BUT_REFUSES_ED25519, ADVERTISES_BUT_REFUSES_ALL, REFUSES_RFC9421 }

    /** What an Entraide inbox advertises. */
    private static final String ADVERTISEMENT = "ed25519=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"ed25519\";created, "
            + "rsa=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"rsa-v1_5-sha256\";created";

    private final HttpServer server;
    private final String ip;
    private final Mode mode;
    private final String publicKeyPem;
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final List<String> gets = new CopyOnWriteArrayList<>();

    private Peer(Vertx vertx, String ip, Mode mode) throws Exception {
        this.ip = ip;
        this.mode = mode;
        this.publicKeyPem = Pem.write(Keys.generate(KeyAlgorithm.RSA_2048).getPublic());
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        Blocking.await(server.listen(0, ip), 10, "starting a peer on " + ip);
    }

    static Peer start(Vertx vertx, String ip, Mode mode) throws Exception {
        return new Peer(vertx, ip, mode);
    }

    String authority() {
        return ip + ":" + server.actualPort();
    }

    private String actorId() {
        return "http://" + authority() + "/users/ines";
    }

    List<String> posts() {
        return List.copyOf(posts);
    }

    /** The kind of signature each GET carried ({@code cavage}, {@code ed25519}…), in order. */
    List<String> gets() {
        return List.copyOf(gets);
    }

    void awaitPosts(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (posts.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + n + " deliveries to reach the peer: " + posts);
            }
            Thread.sleep(100);
        }
        Thread.sleep(300); // and no more than n
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            if (mode != Mode.SILENT && mode != Mode.REFUSES_RFC9421) {
                req.response().putHeader("Accept-Signature", ADVERTISEMENT);
            }
            if (req.method().name().equals("GET")) {
                gets.add(kind(req));
            }
            if (req.path().equals("/.well-known/webfinger")) {
                req.response().putHeader("Content-Type", "application/jrd+json").end(new JsonObject()
                        .put("subject", req.getParam("resource"))
                        .put("links", new JsonArray().add(new JsonObject().put("rel", "self")
                                .put("type", "application/activity+json").put("href", actorId())))
                        .encode());
            } else if (req.path().equals("/users/ines")) {
                req.response().putHeader("Content-Type", "application/activity+json").end(actor());
            } else if (req.path().equals("/users/ines/inbox") && req.method().name().equals("POST")) {
                String kind = kind(req);
                boolean ed25519 = kind.equals("ed25519");
                int status = mode == Mode.ADVERTISES_BUT_REFUSES_ALL
                        || ed25519 && mode == Mode.ADVERTISES_BUT_REFUSES_ED25519
                        || !kind.equals("cavage") && mode == Mode.REFUSES_RFC9421 ? 401 : 202;
                posts.add(kind + " " + status);
                req.response().setStatusCode(status).end();
            } else {
                req.response().setStatusCode(404).end();
            }
        });
    }

    private static String kind(HttpServerRequest req) {
        String input = req.getHeader("Signature-Input");
        if (input != null) {
            return input.contains("alg=\"ed25519\"") ? "ed25519" : "rfc9421";
        }
        return req.getHeader("Signature") != null ? "cavage" : "unsigned";
    }

    private String actor() {
        return Actor.builder(actorId(), "Person", actorId() + "/inbox")
                .preferredUsername("ines")
                .collections(actorId() + "/outbox", actorId() + "/followers", actorId() + "/following")
                .publicKey(PublicKey.of(actorId() + "#main-key", actorId(), publicKeyPem))
                .build()
                .toJson()
                .toString();
    }

    @Override
    public void close() {
        Blocking.await(server.close(), 10, "stopping a peer");
    }
}
