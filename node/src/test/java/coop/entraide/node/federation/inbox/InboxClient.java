package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.Blocking;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Signer;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import coop.entraide.protocol.sig.rfc9421.SigningSpec;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends requests to a node's inbox exactly as given: headers, signature and body byte for byte, so
 * that tests can sign a request and then tamper with it. Connects to 127.0.0.1 and sends the
 * node's public authority ({@code localhost:port}) as {@code Host}.
 */
final class InboxClient {
    static final String ACTIVITY_JSON = "application/activity+json";

    /** What the inbox answered. */
    record Response(int status, String body, MultiMap headers, HttpVersion version) {
        String reason() {
            return body.isEmpty() ? "" : new JsonObject(body).getString("reason", "");
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        String retryAfter() {
            return headers.get("Retry-After");
        }
    }

    private final HttpClient client;
    private final Context context;
    private final int port;

    InboxClient(Vertx vertx, int port) {
        // One connection per request: a refused request's connection is closed by the server
        // while the client may still be writing its body, which must not stall the next test.
        this(vertx, port, new HttpClientOptions().setKeepAlive(false));
    }

    /** A client speaking HTTP/2 in clear text from the first byte, as some servers' clients do. */
    static InboxClient http2(Vertx vertx, int port) {
        return new InboxClient(vertx, port, new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    private InboxClient(Vertx vertx, int port, HttpClientOptions options) {
        this.client = vertx.createHttpClient(options);
        this.context = vertx.getOrCreateContext();
        this.port = port;
    }

    String authority() {
        return "localhost:" + port;
    }

    /** The request before any signature: Host, Content-Type and body. */
    HttpMessage unsigned(String path, byte[] body) {
        return HttpMessage.request("POST", URI.create("http://" + authority() + path),
                List.of(new HttpMessage.Header("Host", authority()), new HttpMessage.Header("Content-Type", ACTIVITY_JSON)),
                body);
    }

    static HttpMessage cavage(HttpMessage unsigned, String keyId, PrivateKey key, Instant at) {
        return CavageSigner.rsaSha256(keyId, key).sign(unsigned, at);
    }

    static HttpMessage rfc9421(HttpMessage unsigned, String keyId, PrivateKey key, Instant at) {
        try {
            return Rfc9421Signer.sign(unsigned, SigningSpec.activityPub(SignatureAlgorithm.RSA_V1_5_SHA256, key, keyId, at,
                    true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs the activity with draft-cavage, now, and posts it. */
    Response post(String path, ObjectNode activity, String keyId, PrivateKey key) {
        return send(cavage(unsigned(path, bytes(activity)), keyId, key, Instant.now()));
    }

    Response send(HttpMessage message) {
        return send(message, message.body());
    }

    /** Sends the message's headers with another body (a tampered one). */
    Response send(HttpMessage message, byte[] body) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                .setHost("localhost")
                .setPort(port)
                .setURI(message.target().getRawPath());
        for (HttpMessage.Header h : message.headers()) {
            if (!h.name().equalsIgnoreCase("Host")) {
                options.addHeader(h.name(), h.value());
            }
        }
        // On a Vert.x context, and body() in the callback that delivers the response: called from
        // this thread or further down the chain, it can miss the end of the response and wait forever.
        Promise<Response> answered = Promise.promise();
        context.runOnContext(v -> client.request(options)
                .compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body().map(b -> response(resp, b))))
                .onComplete(answered));
        return Blocking.await(answered.future(), 30, "posting to the inbox");
    }

    private static Response response(HttpClientResponse resp, Buffer body) {
        return new Response(resp.statusCode(), body.toString(StandardCharsets.UTF_8),
                MultiMap.caseInsensitiveMultiMap().addAll(resp.headers()), resp.version());
    }

    static byte[] bytes(ObjectNode activity) {
        return activity.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Mastodon-shaped public {@code Create(Note)} by this actor, with a fresh id. */
    static ObjectNode create(String actorId) {
        String id = actorId + "/statuses/" + UUID.randomUUID();
        ObjectNode note = JsonNodeFactory.instance.objectNode()
                .put("id", id)
                .put("type", "Note")
                .put("attributedTo", actorId)
                .put("content", "<p>Des tomates à donner, rue des Capucins</p>")
                .put("published", "2026-05-01T10:00:00Z");
        note.putArray("to").add("https://www.w3.org/ns/activitystreams#Public");
        ObjectNode create = JsonNodeFactory.instance.objectNode();
        create.put("@context", "https://www.w3.org/ns/activitystreams");
        create.put("id", id + "/activity");
        create.put("type", "Create");
        create.put("actor", actorId);
        create.putArray("to").add("https://www.w3.org/ns/activitystreams#Public");
        create.set("object", note);
        return create;
    }

    /** An activity of a type no handler takes, with a fresh id. */
    static ObjectNode activity(String type, String actorId, String objectId) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("@context", "https://www.w3.org/ns/activitystreams");
        a.put("id", actorId + "#" + type.toLowerCase() + "-" + UUID.randomUUID());
        a.put("type", type);
        a.put("actor", actorId);
        a.put("object", objectId);
        return a;
    }
}
