package coop.entraide.node.federation.signing;

import coop.entraide.node.Uris;
import coop.entraide.node.federation.delivery.ActorSigners;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.protocol.sig.Ed25519HostFact;
import coop.entraide.protocol.sig.Ed25519Hosts;
import coop.entraide.protocol.sig.NegotiatingSigner;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Signers for requests made on behalf of the node's own actors: deliveries by the actor that
 * publishes, and fetches by the instance actor (GoToSocial and Mastodon in secure mode refuse
 * unsigned GETs, PROTOCOL.md §3.4). Keys come from {@link LocalKeys}; signing itself happens in
 * the fetcher, on a worker thread.
 *
 * <p>Which scheme a host gets is remembered in one {@link NegotiatingSigner}: draft-cavage by
 * default, RFC 9421 once the host is known to accept it. The delivery worker does not report
 * outcomes yet, so the one signal used today is {@link #acceptsRfc9421}: a host that sends us
 * RFC 9421 signatures verifies them too (every such server in the SWICG support matrix does).
 *
 * <p>Which hosts verify Ed25519, far cheaper to sign with than RSA, is remembered in one
 * {@link Ed25519Hosts}: learnt from the {@code Accept-Signature} of their answers (the signers
 * read it) and from their own Ed25519 signatures ({@link #signsWithEd25519}).
 *
 * <p>Both memories are kept in the database by a {@link SignatureMemory}: loaded on start, written
 * when they change, and read again as other node processes on the database change them.
 */
public final class LocalSigners implements ActorSigners {
    private final LocalKeys keys;
    private final Uris uris;
    private final Clock clock;
    private final NegotiatingSigner schemes;
    private final Ed25519Hosts ed25519Hosts;
    private final SigningStats stats = new SigningStats();

    private LocalSigners(LocalKeys keys, Uris uris, Clock clock, NegotiatingSigner schemes, Ed25519Hosts ed25519Hosts) {
        this.keys = keys;
        this.uris = uris;
        this.clock = clock;
        this.schemes = schemes;
        this.ed25519Hosts = ed25519Hosts;
    }

    /**
     * Loads the instance actor's key (which must exist) and what {@code memory} holds of other
     * servers, and builds the signers.
     */
    public static Future<LocalSigners> start(LocalKeys keys, Uris uris, Clock clock, SignatureMemory memory) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(memory, "memory");
        return keys.forActor(uris.instanceActor()).compose(instance -> {
            CavageSigner cavage = CavageSigner.rsaSha256(instance.keyId(), instance.rsa());
            // The negotiator is kept for its memory of hosts; each actor signs with its own key.
            NegotiatingSigner schemes = new NegotiatingSigner(cavage, clock, unsigned -> {
                throw new UnsupportedOperationException("sign through an actor's own signer");
            }, SignatureScheme.DRAFT_CAVAGE_12, NegotiatingSigner.DEFAULT_CAPACITY, memory::schemesChanged);
            Ed25519Hosts ed25519Hosts = new Ed25519Hosts(clock, Ed25519Hosts.DEFAULT_REFUSAL_MEMORY,
                    Ed25519Hosts.DEFAULT_CAPACITY, memory::ed25519Changed);
            LocalSigners signers = new LocalSigners(keys, uris, clock, schemes, ed25519Hosts);
            return memory.attach(ed25519Hosts, schemes).map(loaded -> signers);
        });
    }

    @Override
    public Future<RequestSigner> signerFor(String actorId) {
        return keys.forActor(actorId).map(key -> new ActorRequestSigner(key, schemes, ed25519Hosts, stats, clock));
    }

    /** The instance actor's signer, for fetching actors, keys and objects. */
    public Future<RequestSigner> instanceActor() {
        return signerFor(uris.instanceActor());
    }

    /**
     * Records that a host (its {@code host[:port]}) verifies RFC 9421 signatures: it signed a
     * request to us with one. Unless it refused one of ours: then it stays a draft-cavage host, or
     * each of its requests would make us knock twice again.
     */
    public void acceptsRfc9421(String host) {
        if (host != null && !host.isBlank()) {
            schemes.recordSignedBy(host, SignatureScheme.RFC_9421);
        }
    }

    /**
     * Records that a host (its {@code host[:port]}) signed a request to us with RFC 9421
     * {@code ed25519}, which we verified: it verifies Ed25519 signatures too.
     */
    public void signsWithEd25519(String host) {
        if (host != null && !host.isBlank()) {
            ed25519Hosts.heardFrom(host);
            stats.ed25519Received();
        }
    }

    /** What is known of this host's Ed25519 verification: it verifies, or refused lately. */
    public Optional<Ed25519HostFact> ed25519Standing(String host) {
        return ed25519Hosts.factAbout(host);
    }

    /** Whether requests to this host are signed with Ed25519 (by actors that have a key). */
    public boolean ed25519For(String host) {
        return ed25519Hosts.requestFor(host).isPresent();
    }

    public SigningStats stats() {
        return stats;
    }

    /** The scheme the next request to this host will be signed with. */
    public SignatureScheme schemeFor(String host) {
        return schemes.firstChoice(host);
    }

    public LocalKeys keys() {
        return keys;
    }
}
