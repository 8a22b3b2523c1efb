package coop.entraide.protocol.sig;

import coop.entraide.protocol.sf.Parameters;
import coop.entraide.protocol.sig.Ed25519HostFact.Forgotten;
import coop.entraide.protocol.sig.Ed25519HostFact.Refused;
import coop.entraide.protocol.sig.Ed25519HostFact.Verifies;
import coop.entraide.protocol.sig.rfc9421.AcceptSignature;
import coop.entraide.protocol.sig.rfc9421.ComponentIdentifier;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import coop.entraide.protocol.util.LruMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Remembers which hosts verify RFC 9421 {@code ed25519} signatures (RFC 9421 §3.3.6), so that
 * requests to them can be signed with Ed25519 instead of RSA.
 *
 * <p>A host is learnt in two ways: its responses carry an {@code Accept-Signature} field
 * (RFC 9421 §5.1) with a request we can fulfil with Ed25519, or it signs its own requests to us with
 * {@code ed25519}. The latest {@code Accept-Signature} wins: one without such a request makes us
 * forget the host. A host that refuses an Ed25519 signature (401) is forgotten, and its
 * advertisements are not believed again for {@code refusalMemory}, so that one bad advertisement
 * cannot make every delivery knock twice.
 *
 * <p>We fulfil a request only as far as it asks for what we sign anyway: {@code alg="ed25519"},
 * no {@code keyid}, {@code nonce} or {@code tag} (any actor signs, and nonces are single use), no
 * {@code expires}, and components among {@link #SIGNABLE} without parameters. Its label and
 * components are remembered, and the signer covers them (RFC 9421 §5.2).
 *
 * <p>Pure and synchronous; safe to share between threads; bounded: beyond {@code capacity} hosts
 * the least recently used is forgotten. The last field value read is kept with its meaning, since
 * every server of one kind sends the same value and responses come by the thousand.
 *
 * <p>Each change of a host's standing (learnt, forgotten, refused) is told, as an
 * {@link Ed25519HostFact}, to the listener given at construction, once and only when it changes:
 * answers that repeat what is known tell nothing. {@link #restore} takes such a fact back, from an
 * earlier run or another process, without telling the listener.
 */
public final class Ed25519Hosts {

    /** Enough for every server a busy node talks to. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** How long a host that refused Ed25519 is signed for with RSA, whatever it advertises. */
    public static final Duration DEFAULT_REFUSAL_MEMORY = Duration.ofHours(24);
    /** The label we use when a host told us nothing of labels (it signed to us with Ed25519). */
    public static final String DEFAULT_LABEL = "sig1";

    /** Components a request can be signed over without anything the signer does not already have. */
    public static final Set<String> SIGNABLE = Set.of("@method", "@target-uri", "@authority", "@scheme", "@path",
            "@query", "@request-target", "content-digest");

    /** How to sign for a host: under this label, covering these components beyond our own. */
    public record Ed25519Request(String label, List<ComponentIdentifier> components) {
        public Ed25519Request {
            Objects.requireNonNull(label, "label");
            components = List.copyOf(components);
        }
    }

    /** What an {@code Accept-Signature} field taught. */
    public enum Learnt {
        /** The host asks for a signature we can make with Ed25519. */
        ED25519,
        /** The host asks for signatures, none of which we would make with Ed25519. */
        NOT_ED25519,
        /** The host refused Ed25519 lately: its advertisement is not believed. */
        DISBELIEVED,
        /** Unreadable or hostile: ignored. */
        IGNORED
    }

    private record HostState(Ed25519Request request, Instant refusedUntil) {
    }

    /** The last field read and what it meant, whatever the host. */
    private record Reading(List<String> lines, Optional<Ed25519Request> request, boolean malformed) {
    }

    private static final Ed25519Request HEARD = new Ed25519Request(DEFAULT_LABEL, List.of());

    private final Clock clock;
    private final Duration refusalMemory;
    private final Map<String, HostState> hosts;
    private final Consumer<Ed25519HostFact> changes;
    private volatile Reading last = new Reading(List.of(), Optional.empty(), true);

    public Ed25519Hosts(Clock clock) {
        this(clock, DEFAULT_REFUSAL_MEMORY, DEFAULT_CAPACITY);
    }

    public Ed25519Hosts(Clock clock, Duration refusalMemory, int capacity) {
        this(clock, refusalMemory, capacity, fact -> { });
    }

    /**
     * @param changes told each change of a host's standing, on the thread that made it and after
     *                this memory was updated; it must be quick and must not call back into this
     *                memory's {@code learn}, {@code heardFrom} or {@code refused}
     */
    public Ed25519Hosts(Clock clock, Duration refusalMemory, int capacity, Consumer<Ed25519HostFact> changes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refusalMemory = Objects.requireNonNull(refusalMemory, "refusalMemory");
        this.hosts = new LruMap<>(capacity);
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /**
     * Reads the {@code Accept-Signature} lines of a response from {@code host} (none: nothing
     * changes). Never fails: a malformed or oversized field is {@link Learnt#IGNORED}.
     */
    public Learnt learn(String host, List<String> acceptSignatureLines) {
        if (acceptSignatureLines.isEmpty() || acceptSignatureLines.stream().anyMatch(Objects::isNull)) {
            return Learnt.IGNORED;
        }
        Reading reading = read(acceptSignatureLines);
        if (reading.malformed()) {
            return Learnt.IGNORED;
        }
        String key = normalise(host);
        if (key == null) {
            return Learnt.IGNORED;
        }
        Ed25519HostFact change = null;
        Learnt learnt;
        synchronized (hosts) {
            HostState state = hosts.get(key);
            if (state != null && state.refusedUntil() != null && clock.instant().isBefore(state.refusedUntil())) {
                return Learnt.DISBELIEVED;
            }
            if (reading.request().isPresent()) {
                Ed25519Request request = reading.request().get();
                if (state == null || !request.equals(state.request())) {
                    change = new Verifies(key, request);
                }
                hosts.put(key, new HostState(request, null));
                learnt = Learnt.ED25519;
            } else {
                HostState removed = hosts.remove(key);
                if (removed != null && removed.request() != null) {
                    change = new Forgotten(key);
                }
                learnt = Learnt.NOT_ED25519;
            }
        }
        tell(change);
        return learnt;
    }

    /** The host signed a request to us with {@code ed25519}: it verifies it too. */
    public void heardFrom(String host) {
        String key = normalise(host);
        if (key == null) {
            return;
        }
        Ed25519HostFact change = null;
        synchronized (hosts) {
            HostState state = hosts.get(key);
            if (state == null || state.refusedUntil() != null && !clock.instant().isBefore(state.refusedUntil())) {
                hosts.put(key, new HostState(HEARD, null));
                change = new Verifies(key, HEARD);
            }
        }
        tell(change);
    }

    /** The host refused a request signed with {@code ed25519}: sign for it with RSA from now on. */
    public void refused(String host) {
        String key = normalise(host);
        if (key == null) {
            return;
        }
        Instant until = clock.instant().plus(refusalMemory);
        synchronized (hosts) {
            hosts.put(key, new HostState(null, until));
        }
        tell(new Refused(key, until));
    }

    /**
     * Takes back what an earlier run or another process learnt of a host, replacing what is known
     * of it here; the listener is not told. A refusal whose time has passed counts as
     * {@link Forgotten}. A request this class would not have learnt (a label that is not a
     * structured-field key, components beyond {@link #SIGNABLE} or with parameters) and an empty
     * host are not taken, and what was known stays.
     *
     * @return whether the fact was taken
     */
    public boolean restore(Ed25519HostFact fact) {
        String key = fact == null ? null : normalise(fact.host());
        if (key == null) {
            return false;
        }
        if (fact instanceof Verifies v) {
            if (!restorable(v.request())) {
                return false;
            }
            synchronized (hosts) {
                hosts.put(key, new HostState(v.request(), null));
            }
        } else if (fact instanceof Refused r && clock.instant().isBefore(r.until())) {
            synchronized (hosts) {
                hosts.put(key, new HostState(null, r.until()));
            }
        } else {
            // Forgotten, or a refusal whose time has passed.
            synchronized (hosts) {
                hosts.remove(key);
            }
        }
        return true;
    }

    /** What is known of this host now: it verifies Ed25519, or refused it lately. */
    public Optional<Ed25519HostFact> factAbout(String host) {
        String key = normalise(host);
        HostState state = stateOf(key);
        if (state == null) {
            return Optional.empty();
        }
        if (state.request() != null) {
            return Optional.of(new Verifies(key, state.request()));
        }
        return clock.instant().isBefore(state.refusedUntil())
                ? Optional.of(new Refused(key, state.refusedUntil()))
                : Optional.empty();
    }

    /** How to sign with Ed25519 for this host, if it verifies Ed25519. */
    public Optional<Ed25519Request> requestFor(String host) {
        HostState state = stateOf(normalise(host));
        return state == null ? Optional.empty() : Optional.ofNullable(state.request());
    }

    /** How many hosts are remembered (verifying or refusing); never more than the capacity. */
    public int size() {
        synchronized (hosts) {
            return hosts.size();
        }
    }

    /** What is held of a normalised host; null for none, or for no host at all. */
    private HostState stateOf(String key) {
        if (key == null) {
            return null;
        }
        synchronized (hosts) {
            return hosts.get(key);
        }
    }

    private void tell(Ed25519HostFact change) {
        if (change != null) {
            changes.accept(change);
        }
    }

    private static boolean restorable(Ed25519Request request) {
        return Parameters.isValidKey(request.label()) && signable(request.components());
    }

    /** Whether every component is among {@link #SIGNABLE}, without parameters. */
    private static boolean signable(List<ComponentIdentifier> components) {
        for (ComponentIdentifier c : components) {
            if (!SIGNABLE.contains(c.name()) || !c.parameters().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private Reading read(List<String> lines) {
        Reading seen = last;
        if (seen.lines().equals(lines)) {
            return seen;
        }
        AcceptSignature.Read read = AcceptSignature.parse(lines);
        Reading fresh = read instanceof AcceptSignature.Read.Parsed p
                ? new Reading(List.copyOf(lines), ed25519Request(p.field()), false)
                : new Reading(List.copyOf(lines), Optional.empty(), true);
        last = fresh;
        return fresh;
    }

    /** The first request of the field that we can fulfil with Ed25519, as described above. */
    public static Optional<Ed25519Request> ed25519Request(AcceptSignature field) {
        for (AcceptSignature.Request r : field.requests()) {
            if (fulfillable(r)) {
                return Optional.of(new Ed25519Request(r.label(), r.components()));
            }
        }
        return Optional.empty();
    }

    private static boolean fulfillable(AcceptSignature.Request r) {
        if (!r.alg().filter(SignatureAlgorithm.ED25519.id()::equals).isPresent()) {
            return false;
        }
        if (r.keyId().isPresent() || r.nonce().isPresent() || r.tag().isPresent() || r.wantsExpires()) {
            return false;
        }
        return signable(r.components());
    }

    private static String normalise(String host) {
        if (host == null) {
            return null;
        }
        String trimmed = host.trim();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }
}
