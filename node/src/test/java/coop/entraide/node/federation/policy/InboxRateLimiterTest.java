package coop.entraide.node.federation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.MutableClock;
import coop.entraide.node.config.RateLimit;
import coop.entraide.node.http.Problems;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limiter in front of a stand-in inbox, over real HTTP on loopback. */
class InboxRateLimiterTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
    private final Vertx vertx = Vertx.vertx();
    private int port;

    @AfterEach
    void stop() {
        Blocking.await(vertx.close(), 10, "close");
    }

    private void serve(RateLimit perServer, RateLimit perAddress) {
        InboxRateLimiter limiter = new InboxRateLimiter(
                new TokenBuckets(perServer, 100, clock), new TokenBuckets(perAddress, 100, clock), SignerHost::of);
        Router router = Router.router(vertx);
        router.post("/inbox").handler(limiter).handler(ctx -> ctx.response().setStatusCode(202).end());
        router.route().failureHandler(Problems::handle);
        HttpServer server = Blocking.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"), 10, "listen");
        port = server.actualPort();
    }

    private HttpResponse<String> post(String signerHost) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/inbox"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (signerHost != null) {
            request.header("Signature", "keyId=\"https://" + signerHost + "/users/a#main-key\",algorithm=\"rsa-sha256\","
                    + "headers=\"(request-target) host date digest\",signature=\"AAAA\"");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFloodingServerGets429WhileAnotherIsStillServed() throws Exception {
        serve(new RateLimit(1, 5), new RateLimit(1000, 1000));
        for (int i = 0; i < 5; i++) {
            assertEquals(202, post("flood.example").statusCode());
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = post("flood.example");
            assertEquals(429, refused.statusCode());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals(Problems.CONTENT_TYPE, refused.headers().firstValue("Content-Type").orElse(""));
            JsonObject problem = new JsonObject(refused.body());
            assertEquals(429, problem.getInteger("status"));
            assertEquals("Too many requests", problem.getString("title"));
            assertTrue(problem.getString("detail").contains("flood.example"), problem.getString("detail"));

            assertEquals(202, post("calm.example").statusCode(), "the other server is served, interleaved");
        }
        clock.advance(Duration.ofMillis(1_000));
        assertEquals(202, post("flood.example").statusCode(), "a token came back after Retry-After");
        assertEquals(429, post("flood.example").statusCode());
    }

    @Test
    void theSameServerWhateverItsCaseOrPortShareOneBudget() throws Exception {
        serve(new RateLimit(1, 2), new RateLimit(1000, 1000));
        assertEquals(202, post("Flood.Example").statusCode());
        assertEquals(202, post("flood.example:8443").statusCode());
        assertEquals(429, post("FLOOD.example").statusCode());
    }

    @Test
    void anAddressOverItsBudgetIsLimitedWhateverServerItClaims() throws Exception {
        serve(new RateLimit(1000, 1000), new RateLimit(0.5, 3));
        assertEquals(202, post("one.example").statusCode());
        assertEquals(202, post("two.example").statusCode());
        assertEquals(202, post(null).statusCode());
        HttpResponse<String> refused = post("three.example");
        assertEquals(429, refused.statusCode());
        assertEquals("2", refused.headers().firstValue("Retry-After").orElse(""));
        assertTrue(new JsonObject(refused.body()).getString("detail").contains("this address"));
    }

    @Test
    void offLetsEverythingThrough() throws Exception {
        serve(RateLimit.OFF, RateLimit.OFF);
        for (int i = 0; i < 30; i++) {
            assertEquals(202, post("busy.example").statusCode());
        }
    }

    @Test
    void groupsIpv6AddressesByTheirNetwork() {
        assertEquals("192.0.2.7", InboxRateLimiter.addressKey(SocketAddress.inetSocketAddress(1, "192.0.2.7")));
        String a = InboxRateLimiter.addressKey(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:aaaa::1"));
        String b = InboxRateLimiter.addressKey(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:bbbb::9"));
        String other = InboxRateLimiter.addressKey(SocketAddress.inetSocketAddress(1, "2001:db8:1:3::1"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", a);
        assertEquals(a, b);
        assertTrue(!a.equals(other));
        assertNull(InboxRateLimiter.addressKey(null));
    }

    @Test
    void readsTheSignerHostFromEitherSignatureScheme() {
        assertEquals("mastodon.example", SignerHost.fromHeader(
                "keyId=\"https://Mastodon.Example/users/alice#main-key\",algorithm=\"rsa-sha256\",signature=\"x\""));
        assertEquals("fedify.example", SignerHost.fromHeader(
                "sig1=(\"@method\" \"@target-uri\");created=1700000000;keyid=\"https://fedify.example/users/a#key\";alg=\"rsa-v1_5-sha256\""));
        assertEquals("xn--bcher-kva.example", SignerHost.fromHeader("keyId=\"https://bücher.example/a\""));
        assertNull(SignerHost.fromHeader(null));
        assertNull(SignerHost.fromHeader("algorithm=\"rsa-sha256\""));
        assertNull(SignerHost.fromHeader("keyId=\"not a uri\""));
        assertNull(SignerHost.fromHeader("keyId=\"urn:x:y\""));
        assertNull(SignerHost.fromHeader("mykeyId=\"https://spoof.example/\""), "another parameter whose name ends in keyid");
    }
}
