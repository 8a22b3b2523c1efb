package coop.entraide.node.federation.inbox;

import coop.entraide.node.Blocking;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.VerifyResult;
import coop.entraide.protocol.sig.cavage.CavageParseResult;
import coop.entraide.protocol.sig.cavage.CavageVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another fediverse server on a loopback address of its own ({@code 127.0.0.N}, so that its
 * domain differs from the nodes' {@code localhost}): serves its actors, answers WebFinger, and,
 * like GoToSocial, refuses unsigned GETs once {@link #trust} has named who may fetch.
 */
final class FakeServer implements AutoCloseable {
    private final HttpServer server;
    private final String ip;
    private final Map<String, FakeActor> actors = new ConcurrentHashMap<>();
    private final Map<String, Integer> statusOverrides = new ConcurrentHashMap<>();
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> arrived = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> trusted = new ConcurrentHashMap<>();
    private final AtomicInteger verifiedGets = new AtomicInteger();
    private final List<String> refusedGets = new ArrayList<>();
    private volatile long delayMillis;

    private final Vertx vertx;

    private FakeServer(Vertx vertx, String ip) {
        this.vertx = vertx;
        this.ip = ip;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        Blocking.await(server.listen(0, ip), 10, "starting a fake server on " + ip);
    }

    static FakeServer start(Vertx vertx, String ip) {
        return new FakeServer(vertx, ip);
    }

    String authority() {
        return ip + ":" + server.actualPort();
    }

    String base() {
        return "http://" + authority();
    }

    FakeActor actor(String name) {
        FakeActor actor = new FakeActor(base() + "/users/" + name, name);
        actors.put("/users/" + name, actor);
        return actor;
    }

    /** From now on, GETs must be signed by this key (draft-cavage), or they are answered 401. */
    void trust(String keyId, PublicKey key) {
        trusted.put(keyId, key);
    }

    /** Serves this JSON at this path, whatever it says. */
    void serve(String path, String json) {
        documents.put(path, json);
    }

    void answer(String path, int status) {
        statusOverrides.put(path, status);
    }

    /** Answers this path normally again. */
    void clearAnswer(String path) {
        statusOverrides.remove(path);
    }

    void delay(long millis) {
        this.delayMillis = millis;
    }

    int gets(String path) {
        AtomicInteger n = gets.get(path);
        return n == null ? 0 : n.get();
    }

    /** Requests for this path that arrived, answered or still waiting out the {@link #delay}. */
    int arrived(String path) {
        AtomicInteger n = arrived.get(path);
        return n == null ? 0 : n.get();
    }

    /** Waits (at most 20 s) until {@code n} requests for this path have arrived. */
    void awaitArrival(String path, int n) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (arrived(path) < n) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("the node never asked for " + path);
            }
            Thread.sleep(20);
        }
    }

    int verifiedGets() {
        return verifiedGets.get();
    }

    synchronized List<String> refusedGets() {
        return List.copyOf(refusedGets);
    }

    private void handle(HttpServerRequest req) {
        arrived.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
        req.body().onSuccess(body -> {
            if (delayMillis > 0) {
                vertx.setTimer(delayMillis, id -> respond(req));
            } else {
                respond(req);
            }
        });
    }

    private void respond(HttpServerRequest req) {
        String path = req.path();
        gets.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (path.equals("/.well-known/webfinger")) {
            webFinger(req);
            return;
        }
        if (!trusted.isEmpty() && !signedByTrusted(req)) {
            req.response().setStatusCode(401).end();
            return;
        }
        Integer status = statusOverrides.get(path);
        if (status != null) {
            req.response().setStatusCode(status).end();
            return;
        }
        String document = documents.get(path);
        if (document != null) {
            req.response().putHeader("Content-Type", "application/activity+json").end(document);
            return;
        }
        FakeActor actor = actors.get(path);
        if (actor == null) {
            req.response().setStatusCode(404).end();
            return;
        }
        req.response().putHeader("Content-Type", "application/activity+json").end(actor.document().toString());
    }

    private boolean signedByTrusted(HttpServerRequest req) {
        List<HttpMessage.Header> headers = new ArrayList<>();
        req.headers().forEach(h -> headers.add(new HttpMessage.Header(h.getKey(), h.getValue())));
        HttpMessage message = HttpMessage.request(req.method().name(), URI.create(base() + req.uri()), headers, new byte[0]);
        CavageVerifier verifier = new CavageVerifier();
        boolean ok = verifier.parse(message) instanceof CavageParseResult.Parsed parsed
                && trusted.containsKey(parsed.signature().keyId())
                && verifier.verify(message, parsed.signature(), trusted.get(parsed.signature().keyId()), Instant.now(),
                        CavageVerifier.Policy.MASTODON) instanceof VerifyResult.Verified;
        if (ok) {
            verifiedGets.incrementAndGet();
        } else {
            synchronized (this) {
                refusedGets.add(req.uri());
            }
        }
        return ok;
    }

    private void webFinger(HttpServerRequest req) {
        String resource = req.getParam("resource");
        for (FakeActor actor : actors.values()) {
            if (("acct:" + actor.name + "@" + authority()).equals(resource)) {
                req.response().putHeader("Content-Type", "application/jrd+json").end(new JsonObject()
                        .put("subject", resource)
                        .put("links", new JsonArray().add(new JsonObject()
                                .put("rel", "self")
                                .put("type", "application/activity+json")
                                .put("href", actor.id)))
                        .encode());
                return;
            }
        }
        req.response().setStatusCode(404).end();
    }

    @Override
    public void close() {
        Blocking.await(server.close(), 10, "stopping a fake server");
    }
}
