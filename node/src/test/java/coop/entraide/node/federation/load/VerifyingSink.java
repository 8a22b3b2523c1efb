package coop.entraide.node.federation.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.entraide.node.Blocking;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.VerifyResult;
import coop.entraide.protocol.sig.cavage.CavageParseResult;
import coop.entraide.protocol.sig.cavage.CavageVerifier;
import coop.entraide.protocol.sig.rfc9421.ParseResult;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Verifier;
import coop.entraide.protocol.sig.rfc9421.VerificationPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Many fediverse servers in one process: one HTTP server per loopback port, each a distinct
 * {@code 127.0.0.1:port} authority to the node, so each has its own queue lane and connections.
 * Every POST must carry a draft-cavage signature that the protocol's verifier accepts (digest,
 * date, key) with one of the known keys; those are answered 202, others 401. It remembers when each
 * (inbox, activity) first arrived, as a receiver dedupes by activity id.
 *
 * <p>{@link #asEntraide} makes the servers Entraide-like: their answers carry the
 * {@code Accept-Signature} of an Entraide inbox, and they verify RFC 9421 signatures too
 * ({@code ed25519} with a trusted Multikey, as well as RSA).
 */
public final class VerifyingSink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final CavageVerifier verifier = new CavageVerifier();
    private final AtomicInteger verifiedRfc9421 = new AtomicInteger();
    private final AtomicInteger verifiedEd25519 = new AtomicInteger();
    private final AtomicInteger verifiedCavage = new AtomicInteger();
    private volatile String acceptSignature;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> authorities = new ArrayList<>();
    private final Map<String, Long> firstArrivals = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long delayMillis;
    private volatile String lastRefusal = "";

    private VerifyingSink(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Starts {@code count} servers on free loopback ports. Start it before choosing other ports
     * (the node's), so that they cannot take one of these.
     */
    public static VerifyingSink start(Vertx vertx, int count) {
        VerifyingSink sink = new VerifyingSink(vertx);
        List<Future<HttpServer>> listening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(60))
                    .connectionHandler(c -> sink.connections.incrementAndGet())
                    .requestHandler(sink::handle);
            sink.servers.add(server);
            listening.add(server.listen(0, "127.0.0.1"));
        }
        Blocking.await(Future.all(listening), 60, "starting the sink");
        for (HttpServer s : sink.servers) {
            sink.authorities.add("127.0.0.1:" + s.actualPort());
        }
        return sink;
    }

    /** Accepts signatures made with this key. */
    public VerifyingSink trust(String keyId, PublicKey key) {
        keys.put(keyId, key);
        return this;
    }

    /** Answers like an Entraide inbox: with {@code Accept-Signature}, verifying RFC 9421 too. */
    public VerifyingSink asEntraide() {
        this.acceptSignature = "ed25519=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"ed25519\";created, "
                + "rsa=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"rsa-v1_5-sha256\";created";
        return this;
    }

    /** Answers each request this much later (a slow server). */
    public VerifyingSink delaying(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** The servers' {@code host:port}, in order. */
    public List<String> authorities() {
        return List.copyOf(authorities);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            requests.incrementAndGet();
            boolean ok = verified(req, body);
            if (acceptSignature != null) {
                req.response().putHeader("Accept-Signature", acceptSignature);
            }
            long delay = delayMillis;
            if (delay > 0) {
                vertx.setTimer(delay, id -> req.response().setStatusCode(ok ? 202 : 401).end());
            } else {
                req.response().setStatusCode(ok ? 202 : 401).end();
            }
        });
    }

    private boolean verified(HttpServerRequest req, Buffer body) {
        long now = System.nanoTime();
        List<HttpMessage.Header> headers = new ArrayList<>();
        req.headers().forEach(h -> headers.add(new HttpMessage.Header(h.getKey(), h.getValue())));
        byte[] bytes = body.getBytes();
        HttpMessage message = HttpMessage.request(req.method().name(), URI.create("http://" + req.getHeader("Host") + req.uri()),
                headers, bytes);
        if (acceptSignature != null && message.header("Signature-Input").isPresent()) {
            ParseResult parsed = Rfc9421Verifier.parse(message);
            if (!(parsed instanceof ParseResult.Parsed p)) {
                return refuse("unparsable signature: " + parsed);
            }
            if (!verifiedWith(p.first().keyId(), key -> Rfc9421Verifier.verify(message, p.first(), key, Instant.now(),
                    VerificationPolicy.activityPub()))) {
                return false;
            }
            verifiedRfc9421.incrementAndGet();
            if ("ed25519".equals(p.first().alg())) {
                verifiedEd25519.incrementAndGet();
            }
        } else {
            CavageParseResult parsed = verifier.parse(message);
            if (!(parsed instanceof CavageParseResult.Parsed p)) {
                return refuse("unparsable signature: " + parsed);
            }
            if (!verifiedWith(p.signature().keyId(), key -> verifier.verify(message, p.signature(), key, Instant.now(),
                    CavageVerifier.Policy.MASTODON))) {
                return false;
            }
            verifiedCavage.incrementAndGet();
        }
        String activity;
        try {
            JsonNode json = JSON.readTree(bytes);
            activity = json.path("id").asText();
        } catch (Exception e) {
            return refuse("not JSON");
        }
        if (firstArrivals.putIfAbsent(req.getHeader("Host") + req.path() + " " + activity, now) != null) {
            repeats.incrementAndGet();
        }
        return true;
    }

    /** Whether {@code verify} accepts the signature with the trusted key {@code keyId}; a refusal is counted. */
    private boolean verifiedWith(String keyId, Function<PublicKey, VerifyResult> verify) {
        PublicKey key = keys.get(keyId);
        if (key == null) {
            return refuse("unknown key " + keyId);
        }
        VerifyResult result = verify.apply(key);
        return result instanceof VerifyResult.Verified || refuse(result.toString());
    }

    private boolean refuse(String why) {
        refused.incrementAndGet();
        lastRefusal = why;
        return false;
    }

    /** Requests received, verified or not. */
    public int requests() {
        return requests.get();
    }

    /** Connections opened to the servers: a sender that keeps its connections alive opens few. */
    public int connections() {
        return connections.get();
    }

    /** Requests verified with a draft-cavage signature. */
    public int verifiedCavage() {
        return verifiedCavage.get();
    }

    /** Requests verified with an RFC 9421 signature (Entraide-like servers only). */
    public int verifiedRfc9421() {
        return verifiedRfc9421.get();
    }

    /** Requests verified with an RFC 9421 {@code ed25519} signature. */
    public int verifiedEd25519() {
        return verifiedEd25519.get();
    }

    /** Requests whose signature did not verify. */
    public int refused() {
        return refused.get();
    }

    public String lastRefusal() {
        return lastRefusal;
    }

    /** Verified requests for an (inbox, activity) that had already arrived: at-least-once at work. */
    public int repeats() {
        return repeats.get();
    }

    /** Distinct (inbox, activity) pairs received with a valid signature. */
    public int distinct() {
        return firstArrivals.size();
    }

    /** The {@code host:port/path} of every inbox that received {@code activityId}. */
    public Set<String> inboxesOf(String activityId) {
        Set<String> inboxes = ConcurrentHashMap.newKeySet();
        firstArrivals.keySet().forEach(k -> {
            int space = k.lastIndexOf(' ');
            if (k.substring(space + 1).equals(activityId)) {
                inboxes.add(k.substring(0, space));
            }
        });
        return inboxes;
    }

    /** When (nanoTime) the last distinct (inbox, activity) pair of {@code activityId} arrived. */
    public long lastArrival(String activityId) {
        return firstArrivals.entrySet().stream().filter(e -> e.getKey().endsWith(" " + activityId))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
    }

    /** When (nanoTime) the latest distinct (inbox, activity) pair arrived, whatever the activity. */
    public long latestArrival() {
        return firstArrivals.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The first-arrival times (nanoTime) later than {@code nanos}. */
    public List<Long> arrivalsAfter(long nanos) {
        return firstArrivals.values().stream().filter(t -> t > nanos).toList();
    }

    /** When (nanoTime) the first one arrived. */
    public long firstArrival(String activityId) {
        return firstArrivals.entrySet().stream().filter(e -> e.getKey().endsWith(" " + activityId))
                .mapToLong(Map.Entry::getValue).min().orElse(0);
    }

    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        servers.forEach(s -> closing.add(s.close()));
        Blocking.await(Future.join(closing), 30, "stopping the sink");
    }
}
