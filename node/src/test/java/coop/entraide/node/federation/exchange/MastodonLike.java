package coop.entraide.node.federation.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.Blocking;
import coop.entraide.protocol.as.Actor;
import coop.entraide.protocol.as.PublicKey;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.Keys;
import coop.entraide.protocol.keys.Pem;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny server shaped like a Mastodon instance on loopback: it serves its accounts (RSA
 * {@code #main-key} only, no Ed25519 key, as Mastodon), records what reaches their inboxes, and
 * posts activities to a node's inbox signed the way Mastodon signs them (draft-cavage,
 * {@code rsa-sha256}, {@code (request-target) host date digest content-type}).
 */
final class MastodonLike implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final HttpClient client;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    MastodonLike() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        Blocking.await(server.listen(0, "127.0.0.1"), 10, "starting a Mastodon-like server");
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    }

    String base() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Creates an account and answers its id. */
    String account(String name) {
        keys.put(name, Keys.generate(KeyAlgorithm.RSA_2048));
        return actorId(name);
    }

    String actorId(String name) {
        return base() + "/users/" + name;
    }

    /** Everything delivered to this server's inboxes so far. */
    List<JsonObject> received() {
        return List.copyOf(received);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            if (req.method() == HttpMethod.POST && req.path().endsWith("/inbox")) {
                received.add(new JsonObject(body.toString(StandardCharsets.UTF_8)));
                req.response().setStatusCode(202).end();
                return;
            }
            String name = req.path().startsWith("/users/") ? req.path().substring("/users/".length()) : "";
            KeyPair key = keys.get(name);
            if (key == null) {
                req.response().setStatusCode(404).end();
                return;
            }
            req.response().putHeader("Content-Type", "application/activity+json").end(document(name, key).toString());
        });
    }

    private ObjectNode document(String name, KeyPair key) {
        String id = actorId(name);
        return Actor.builder(id, "Person", id + "/inbox")
                    .preferredUsername(name)
                    .name(name)
                    .collections(id + "/outbox", id + "/followers", id + "/following")
                    .sharedInbox(base() + "/inbox")
                    .publicKey(PublicKey.of(id + "#main-key", id, Pem.write(key.getPublic())))
                    .build()
                    .toJson();
    }

    /** A status by this account, as Mastodon shapes a reply: {@code Create(Note)}, mention tag, fresh ids. */
    ObjectNode reply(String name, String inReplyTo, String addressee, String html) {
        String id = actorId(name) + "/statuses/" + UUID.randomUUID();
        ObjectNode note = JsonNodeFactory.instance.objectNode()
                .put("id", id)
                .put("type", "Note")
                .put("attributedTo", actorId(name))
                .put("inReplyTo", inReplyTo)
                .put("content", html)
                .put("published", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        note.putArray("to").add(addressee);
        note.putArray("cc").add(actorId(name) + "/followers");
        note.putArray("tag").addObject().put("type", "Mention").put("href", addressee);
        ObjectNode create = JsonNodeFactory.instance.objectNode();
        create.putArray("@context").add("https://www.w3.org/ns/activitystreams");
        create.put("id", id + "/activity");
        create.put("type", "Create");
        create.put("actor", actorId(name));
        create.set("to", note.get("to").deepCopy());
        create.set("cc", note.get("cc").deepCopy());
        create.set("object", note);
        return create;
    }

    /** Posts {@code activity} to {@code inboxUrl} (an {@code http://localhost:port/...} URL), signed by this account. */
    int post(String name, String inboxUrl, ObjectNode activity) {
        URI target = URI.create(inboxUrl);
        String authority = target.getHost() + ":" + target.getPort();
        HttpMessage unsigned = HttpMessage.request("POST", target,
                List.of(new HttpMessage.Header("Host", authority),
                        new HttpMessage.Header("Content-Type", "application/activity+json")),
                activity.toString().getBytes(StandardCharsets.UTF_8));
        HttpMessage signed = CavageSigner.rsaSha256(actorId(name) + "#main-key", keys.get(name).getPrivate())
                .sign(unsigned, Instant.now());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.getPort(), "127.0.0.1"))
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(target.getRawPath());
        for (HttpMessage.Header h : signed.headers()) {
            if (!h.name().equalsIgnoreCase("Host")) {
                options.addHeader(h.name(), h.value());
            }
        }
        return Blocking.await(client.request(options)
                .compose(req -> req.send(Buffer.buffer(signed.body())))
                .compose(resp -> resp.body().map(b -> resp.statusCode())), 30, "posting to an inbox");
    }

    @Override
    public void close() {
        Blocking.await(vertx.close(), 10, "stopping the Mastodon-like server");
    }
}
