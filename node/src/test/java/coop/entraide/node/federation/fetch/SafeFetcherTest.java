package coop.entraide.node.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.protocol.sig.HttpMessage.Header;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every server here listens on loopback. The fetchers under test either deny all private
 * addresses (the production default) or open exactly 127.0.0.1; the canary on 127.0.0.2 must
 * never see a connection.
 */
class SafeFetcherTest {
    private static final InetAddress ALLOWED = literal("127.0.0.1");
    private static final InetAddress CANARY = literal("127.0.0.2");
    /** Generous enough for a cold JVM on a busy machine; the timeout tests tighten what they test. */
    private static final FetchLimits QUICK = new FetchLimits(
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), FetchLimits.JSON_BODY_LIMIT, 3);

    /**
     * The test's own fetchers send this, and its servers count nothing else: on a busy machine
     * other processes' clients may knock on a port these servers were just given.
     */
    private final String userAgent = "EntraideTest/" + UUID.randomUUID();
    private Vertx vertx;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private LoopbackServer canary;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        canary = server(CANARY.getHostAddress(), req -> req.response().end("canary"));
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        Blocking.await(vertx.close(), 10, "closing vert.x");
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private LoopbackServer server(String host, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler) {
        LoopbackServer s = LoopbackServer.start(vertx, host, handler).only(userAgent);
        toClose.add(s);
        return s;
    }

    private LoopbackServer server(io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler) {
        return server(ALLOWED.getHostAddress(), handler);
    }

    /** Names under .test (RFC 6761) never reach real DNS: this map answers them. */
    private static HostResolver names(Map<String, List<InetAddress>> table) {
        return host -> {
            List<InetAddress> found = table.get(host);
            return found == null ? Future.failedFuture(new UnknownHostException(host)) : Future.succeededFuture(found);
        };
    }

    private SafeFetcher fetcher(AddressPolicy policy, HostResolver resolver) {
        SafeFetcher f = new SafeFetcher(vertx, new SafeFetcher.Settings(policy, resolver, 4, userAgent));
        toClose.add(f);
        return f;
    }

    /** The test-only policy: exactly 127.0.0.1 is open, every other private address is not. */
    private SafeFetcher loopbackFetcher(HostResolver resolver) {
        return fetcher(AddressPolicy.publicAnd(Set.of(ALLOWED)), resolver);
    }

    private SafeFetcher loopbackFetcher() {
        return loopbackFetcher(HostResolver.system(vertx));
    }

    private static FetchResult get(SafeFetcher fetcher, URI uri) {
        return Blocking.await(fetcher.fetch(FetchRequest.get(uri, "application/activity+json").withLimits(QUICK)), 20, "fetch");
    }

    private static FetchFailure failure(FetchResult result) {
        return assertInstanceOf(FetchResult.Failed.class, result, () -> "expected a failure, got " + result).reason();
    }

    // --- the address guard ------------------------------------------------------------------

    @Test
    void refusesLoopbackLiteralByDefaultAndNeverConnects() {
        SafeFetcher fetcher = fetcher(AddressPolicy.publicOnly(), HostResolver.system(vertx));
        FetchResult result = get(fetcher, canary.uri("/"));
        assertEquals(FetchFailure.BLOCKED_ADDRESS, failure(result));
        assertEquals(0, canary.connections());
    }

    @Test
    void refusesIpv4MappedLoopbackLiteral() {
        SafeFetcher fetcher = fetcher(AddressPolicy.publicOnly(), HostResolver.system(vertx));
        FetchResult result = get(fetcher, URI.create("http://[::ffff:127.0.0.2]:" + canary.port() + "/"));
        assertEquals(FetchFailure.BLOCKED_ADDRESS, failure(result));
        assertEquals(0, canary.connections());
    }

    @Test
    void refusesRedirectFromAllowedServerToCanary() {
        LoopbackServer origin = server(req -> req.response().setStatusCode(302)
                .putHeader("Location", canary.uri("/internal").toString()).end());
        FetchResult result = get(loopbackFetcher(), origin.uri("/actor"));
        assertEquals(FetchFailure.BLOCKED_ADDRESS, failure(result));
        assertEquals(1, origin.requests());
        assertEquals(0, canary.connections());
    }

    @Test
    void refusesHostnameThatResolvesToLoopback() {
        LoopbackServer target = server(req -> req.response().end("{}"));
        SafeFetcher fetcher = fetcher(AddressPolicy.publicOnly(), HostResolver.system(vertx));
        FetchResult result = get(fetcher, URI.create("http://localhost:" + target.port() + "/"));
        assertEquals(FetchFailure.BLOCKED_ADDRESS, failure(result));
        assertEquals(0, target.connections());
    }

    @Test
    void refusesHostWhenAnyOfItsAddressesIsBlocked() {
        LoopbackServer target = server(req -> req.response().end("{}"));
        SafeFetcher fetcher = loopbackFetcher(names(Map.of("mixed.test", List.of(ALLOWED, CANARY))));
        FetchResult result = get(fetcher, URI.create("http://mixed.test:" + target.port() + "/"));
        assertEquals(FetchFailure.BLOCKED_ADDRESS, failure(result));
        assertEquals(0, target.connections());
        assertEquals(0, canary.connections());
    }

    @Test
    void connectsToTheCheckedAddressWithTheOriginalHostAndResolvesOnce() {
        List<String> hosts = new CopyOnWriteArrayList<>();
        LoopbackServer target = server(req -> {
            hosts.addAll(req.headers().getAll("Host"));
            req.response().putHeader("Content-Type", "application/activity+json").end("{\"id\":\"x\"}");
        });
        AtomicInteger lookups = new AtomicInteger();
        // A rebinding name: the first answer passes the check, any later one would point at the canary.
        HostResolver rebinding = host -> Future.succeededFuture(List.of(lookups.getAndIncrement() == 0 ? ALLOWED : CANARY));
        FetchResult result = get(loopbackFetcher(rebinding), URI.create("http://social.test:" + target.port() + "/users/a"));
        FetchResult.Ok ok = assertInstanceOf(FetchResult.Ok.class, result);
        assertEquals(200, ok.status());
        assertEquals("{\"id\":\"x\"}", new String(ok.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("social.test:" + target.port()), hosts);
        assertEquals(1, lookups.get());
        assertEquals(0, canary.connections());
    }

    @Test
    void unknownHostIsAValue() {
        FetchResult result = get(loopbackFetcher(names(Map.of())), URI.create("http://nowhere.test/"));
        assertEquals(FetchFailure.UNKNOWN_HOST, failure(result));
    }

    @Test
    void refusesUrlsThatAreNotPlainHttp() {
        SafeFetcher fetcher = loopbackFetcher(names(Map.of("social.test", List.of(ALLOWED))));
        for (String bad : List.of("ftp://social.test/x", "file:///etc/passwd", "http://user:pw@social.test/",
                "mailto:someone@social.test", "/relative/only", "http:///no-host")) {
            assertEquals(FetchFailure.BAD_URL, failure(get(fetcher, URI.create(bad))), bad);
        }
    }

    // --- redirects ------------------------------------------------------------------------------

    @Test
    void followsRelativeRedirects() {
        LoopbackServer target = server(req -> {
            if (req.path().equals("/old")) {
                req.response().setStatusCode(301).putHeader("Location", "/new").end();
            } else {
                req.response().end("moved here");
            }
        });
        FetchResult.Ok ok = assertInstanceOf(FetchResult.Ok.class, get(loopbackFetcher(), target.uri("/old")));
        assertEquals(target.uri("/new"), ok.uri());
        assertEquals("moved here", new String(ok.body(), StandardCharsets.UTF_8));
    }

    @Test
    void stopsRedirectLoops() {
        LoopbackServer target = server(req -> req.response().setStatusCode(302).putHeader("Location", "/loop").end());
        FetchResult result = get(loopbackFetcher(), target.uri("/loop"));
        assertEquals(FetchFailure.TOO_MANY_REDIRECTS, failure(result));
        assertEquals(QUICK.maxRedirects() + 1, target.requests());
    }

    @Test
    void signsEveryHopAgainForItsOwnTarget() {
        List<String> seen = new CopyOnWriteArrayList<>();
        LoopbackServer target = server(req -> req.body().onSuccess(body -> {
            seen.add(req.path() + " " + req.getHeader("Signature") + " " + body);
            if (req.path().equals("/inbox")) {
                req.response().setStatusCode(308).putHeader("Location", "/shared-inbox").end();
            } else {
                req.response().setStatusCode(202).end();
            }
        }));
        List<String> signedOn = new CopyOnWriteArrayList<>();
        RequestSigner signer = message -> {
            signedOn.add(Thread.currentThread().getName());
            return List.of(new Header("Signature", "for=" + message.target().getPath() + ";host=" + message.header("Host").orElse("?")));
        };
        FetchRequest post = FetchRequest.post(target.uri("/inbox"), "application/activity+json",
                "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8)).signedBy(signer).withLimits(QUICK);
        FetchResult result = Blocking.await(loopbackFetcher().fetch(post), 20, "post");
        assertEquals(202, assertInstanceOf(FetchResult.Ok.class, result).status());
        String host = "127.0.0.1:" + target.port();
        assertEquals(List.of(
                "/inbox for=/inbox;host=" + host + " {\"type\":\"Create\"}",
                "/shared-inbox for=/shared-inbox;host=" + host + " {\"type\":\"Create\"}"), seen);
        assertEquals(2, signedOn.size());
        assertTrue(signedOn.stream().noneMatch(name -> name.contains("eventloop")), signedOn::toString);
    }

    @Test
    void doesNotTurnAPostIntoAGet() {
        LoopbackServer target = server(req -> req.response().setStatusCode(302).putHeader("Location", "/elsewhere").end());
        FetchRequest post = FetchRequest.post(target.uri("/inbox"), "application/activity+json", new byte[] {'{', '}'}).withLimits(QUICK);
        FetchResult result = Blocking.await(loopbackFetcher().fetch(post), 20, "post");
        assertEquals(302, assertInstanceOf(FetchResult.HttpError.class, result).status());
        assertEquals(1, target.requests());
    }

    @Test
    void failingSignerIsReportedNotThrown() {
        LoopbackServer target = server(req -> req.response().end());
        RequestSigner broken = message -> {
            throw new IllegalStateException("no key");
        };
        FetchRequest post = FetchRequest.post(target.uri("/inbox"), "application/activity+json", new byte[] {'{', '}'})
                .signedBy(broken).withLimits(QUICK);
        assertEquals(FetchFailure.SIGNING_FAILED, failure(Blocking.await(loopbackFetcher().fetch(post), 20, "post")));
        assertEquals(0, target.requests());
    }

    // --- statuses, limits and timeouts ------------------------------------------------------------

    @Test
    void non2xxIsAnHttpErrorWithItsHeaders() {
        LoopbackServer target = server(req -> req.response().setStatusCode(410).putHeader("X-Why", "gone").end("gone"));
        FetchResult.HttpError error = assertInstanceOf(FetchResult.HttpError.class, get(loopbackFetcher(), target.uri("/")));
        assertEquals(410, error.status());
        assertEquals("gone", error.header("x-why").orElseThrow());
    }

    @Test
    void cutsOffAStreamedBodyOverTheLimit() {
        AtomicLong written = new AtomicLong();
        long offered = 64L * 1024 * 1024;
        LoopbackServer target = server(req -> stream(req.response().setChunked(true), offered, written));
        long started = System.nanoTime();
        FetchResult result = get(loopbackFetcher(), target.uri("/huge"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(FetchFailure.TOO_LARGE, failure(result));
        assertTrue(millis < 5000, "took " + millis + " ms");
        // The server writes with back-pressure, so it can only get as far as the client reads plus
        // what the loopback socket buffers hold (a few MiB): a client reading it all would take 64.
        sleep(300);
        assertTrue(written.get() < offered / 3, "server wrote " + written.get());
    }

    @Test
    void refusesADeclaredLengthOverTheLimitBeforeReadingIt() {
        LoopbackServer target = server(req -> req.response().putHeader("Content-Length", "2000000").write(Buffer.buffer(new byte[1024])));
        assertEquals(FetchFailure.TOO_LARGE, failure(get(loopbackFetcher(), target.uri("/"))));
    }

    private static void stream(HttpServerResponse response, long total, AtomicLong written) {
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (!response.writeQueueFull() && written.get() < total && !response.closed()) {
                response.write(chunk);
                written.addAndGet(chunk.length());
            }
            if (written.get() >= total) {
                response.end();
            } else if (!response.closed()) {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    @Test
    void timesOutOnAServerThatNeverAnswers() {
        LoopbackServer target = server(req -> {
            // never responds
        });
        FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(5), 1024, 0);
        long started = System.nanoTime();
        FetchResult result = Blocking.await(loopbackFetcher().fetch(FetchRequest.get(target.uri("/silent"), "*/*").withLimits(limits)), 20, "fetch");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(FetchFailure.TIMEOUT, failure(result));
        assertTrue(millis < 3000, "took " + millis + " ms");
    }

    @Test
    void overallDeadlineStopsATrickle() {
        LoopbackServer target = server(req -> {
            HttpServerResponse response = req.response().setChunked(true);
            long timer = vertx.setPeriodic(100, id -> {
                if (!response.closed()) {
                    response.write("x");
                }
            });
            response.closeHandler(v -> vertx.cancelTimer(timer));
        });
        FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofMillis(700), 1024, 0);
        long started = System.nanoTime();
        FetchResult result = Blocking.await(loopbackFetcher().fetch(FetchRequest.get(target.uri("/"), "*/*").withLimits(limits)), 20, "fetch");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(FetchFailure.TIMEOUT, failure(result));
        assertTrue(millis >= 650 && millis < 3000, "took " + millis + " ms");
    }

    @Test
    void connectionRefusedIsAValue() {
        LoopbackServer closed = LoopbackServer.start(vertx, "127.0.0.1", req -> req.response().end()).only(userAgent);
        URI uri = closed.uri("/");
        closed.close();
        assertEquals(FetchFailure.CONNECTION_FAILED, failure(get(loopbackFetcher(), uri)));
    }

    // --- connection reuse ---------------------------------------------------------------------------

    @Test
    void reusesOneKeptAliveConnectionForSequentialRequests() {
        LoopbackServer target = server(req -> req.response().end("{}"));
        SafeFetcher fetcher = loopbackFetcher();
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(FetchResult.Ok.class, get(fetcher, target.uri("/n/" + i)));
        }
        assertEquals(10, target.requests());
        assertEquals(1, target.connections());
    }

    @Test
    void capsConnectionsPerHost() {
        LoopbackServer target = server(req -> vertx.setTimer(100, id -> req.response().end("{}")));
        SafeFetcher fetcher = new SafeFetcher(vertx, new SafeFetcher.Settings(
                AddressPolicy.publicAnd(Set.of(ALLOWED)), HostResolver.system(vertx), 2, userAgent));
        toClose.add(fetcher);
        List<Future<FetchResult>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(fetcher.fetch(FetchRequest.get(target.uri("/" + i), "*/*").withLimits(QUICK)));
        }
        Blocking.await(Future.all(all), 20, "fetches");
        all.forEach(f -> assertInstanceOf(FetchResult.Ok.class, f.result()));
        assertEquals(2, target.connections());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
