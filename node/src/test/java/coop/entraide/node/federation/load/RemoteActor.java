package coop.entraide.node.federation.load;

import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.Keys;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Signer;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import coop.entraide.protocol.sig.rfc9421.SigningException;
import coop.entraide.protocol.sig.rfc9421.SigningSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A fediverse account on another server, as a load test plays it: an id on {@code server}, an
 * RSA key pair, and requests to a node's inbox signed the way Mastodon signs them. An
 * Entraide-like account also has an Ed25519 key pair ({@code ed25519}, null otherwise), published as
 * a Multikey, and signs with RFC 9421 {@code ed25519}.
 */
public record RemoteActor(String id, String server, String username, KeyPair keys, KeyPair ed25519) {

    public RemoteActor(String id, String server, String username, KeyPair keys) {
        this(id, server, username, keys, null);
    }

    /** {@code count} actors spread over {@code servers} servers named {@code s<n>.example}; keys made in parallel. */
    public static List<RemoteActor> many(int count, int servers) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> {
                    String server = "s" + (i % servers) + ".example";
                    return new RemoteActor("https://" + server + "/users/a" + i, server, "a" + i, Keys.generate(KeyAlgorithm.RSA_2048));
                })
                .toList();
    }

    /**
     * {@code perServer} actors on each of these servers ({@code host:port}, where their inboxes
     * really listen), drawing their key pairs from {@code keys} in turn: making thousands of RSA
     * keys would take minutes, and verifying costs the same whichever key signed.
     */
    public static List<RemoteActor> on(List<String> servers, int perServer, List<KeyPair> keys) {
        return on(servers, perServer, keys, List.of());
    }

    /** As {@link #on(List, int, List)}, Entraide-like when {@code ed25519Keys} is not empty. */
    public static List<RemoteActor> on(List<String> servers, int perServer, List<KeyPair> keys, List<KeyPair> ed25519Keys) {
        List<RemoteActor> actors = new java.util.ArrayList<>();
        for (String server : servers) {
            for (int j = 0; j < perServer; j++) {
                int n = actors.size();
                actors.add(new RemoteActor("http://" + server + "/users/f" + j, server, "f" + j, keys.get(n % keys.size()),
                        ed25519Keys.isEmpty() ? null : ed25519Keys.get(n % ed25519Keys.size())));
            }
        }
        return actors;
    }

    /** {@code count} fresh Ed25519 key pairs. */
    public static List<KeyPair> ed25519Keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> Keys.generate(KeyAlgorithm.ED25519)).toList();
    }

    /** {@code count} fresh RSA key pairs, made in parallel. */
    public static List<KeyPair> keys(int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> Keys.generate(KeyAlgorithm.RSA_2048)).toList();
    }

    public String keyId() {
        return id + "#main-key";
    }

    public String inbox() {
        return id + "/inbox";
    }

    /** The id of its FEP-521a Multikey, as an Entraide actor names it. */
    public String multikeyId() {
        return id + "#ed25519-key";
    }

    /**
     * A POST of {@code json} to {@code inbox} (an absolute URL of the node), signed now: with RFC 9421
     * {@code ed25519} by an Entraide-like actor, with draft-cavage otherwise.
     */
    public HttpMessage signedPost(String inbox, String json) {
        URI target = URI.create(inbox);
        HttpMessage unsigned = HttpMessage.request("POST", target, List.of(
                new HttpMessage.Header("Host", target.getRawAuthority()),
                new HttpMessage.Header("Content-Type", "application/activity+json")), json.getBytes(StandardCharsets.UTF_8));
        if (ed25519 != null) {
            try {
                return Rfc9421Signer.sign(unsigned, SigningSpec.activityPub(SignatureAlgorithm.ED25519, ed25519.getPrivate(),
                        multikeyId(), Instant.now(), true));
            } catch (SigningException e) {
                throw new IllegalStateException(e);
            }
        }
        return CavageSigner.rsaSha256(keyId(), keys.getPrivate()).sign(unsigned, Instant.now());
    }

    /** A Mastodon-shaped public {@code Create(Note)} with the n-th status id of this actor. */
    public String create(int n) {
        String note = id + "/statuses/" + n;
        return """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s/activity","type":"Create","actor":"%s",\
                "published":"2026-05-01T10:00:00Z","to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["%s/followers"],\
                "object":{"id":"%s","type":"Note","attributedTo":"%s","content":"<p>Des tomates à donner, n° %d</p>",\
                "published":"2026-05-01T10:00:00Z","to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["%s/followers"]}}"""
                .formatted(note, id, id, note, id, n, id);
    }

    /** A {@code Follow} of {@code followed} with the n-th follow id of this actor. */
    public String follow(String followed, int n) {
        return """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s#follows/%d","type":"Follow","actor":"%s","object":"%s"}"""
                .formatted(id, n, id, followed);
    }
}
