package coop.entraide.protocol.sig;

import coop.entraide.protocol.sig.cavage.CavageSigner;
import coop.entraide.protocol.util.LruMap;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Chooses between draft-cavage-12 and RFC 9421 for each remote host by "double-knocking"
 * (PROTOCOL.md §3.6; SWICG ActivityPub HTTP Signature report, "How to upgrade supported versions").
 *
 * <p>A host that has accepted a scheme gets that scheme. A host we know nothing about gets the
 * first-contact scheme, draft-cavage by default because every server accepts it, while RFC 9421
 * is still missing from GoToSocial, Misskey, Akkoma and Lemmy. When a host answers 400, 401 or
 * 403, {@link #fallback} signs the same request with the other scheme, and the outcome reported
 * through {@link #recordSuccess} or {@link #recordRejection} decides the next first try.
 *
 * <p>Pure and synchronous: no threads and no I/O; the caller sends and reports. Safe to share
 * between threads. Memory is bounded: beyond {@code capacity} hosts the least recently used one
 * is forgotten, which costs at most one extra knock later.
 *
 * <p>Each change of what is known of a host is told, as {@link HostSchemes}, to the listener given
 * at construction, and only when it changes; {@link #restore} takes it back, from an earlier run or
 * another process, without telling the listener.
 */
public final class NegotiatingSigner {

    /** Enough for every server a busy node talks to; each entry is a few dozen bytes. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** What we know of one host; immutable, replaced on every change. */
    private record HostState(SignatureScheme accepted, Set<SignatureScheme> rejected) {
        static final HostState UNKNOWN = new HostState(null, Set.of());

        HostState afterSuccess(SignatureScheme scheme) {
            return new HostState(scheme, without(rejected, scheme));
        }

        HostState afterRejection(SignatureScheme scheme) {
            EnumSet<SignatureScheme> more = EnumSet.of(scheme);
            more.addAll(rejected);
            return new HostState(accepted == scheme ? null : accepted, Set.copyOf(more));
        }

        private static Set<SignatureScheme> without(Set<SignatureScheme> set, SignatureScheme scheme) {
            EnumSet<SignatureScheme> less = EnumSet.noneOf(SignatureScheme.class);
            less.addAll(set);
            less.remove(scheme);
            return Set.copyOf(less);
        }
    }

    private final CavageSigner cavage;
    private final Clock clock;
    private final Rfc9421Signing rfc9421;
    private final SignatureScheme firstContact;
    private final Map<String, HostState> hosts;
    private final Consumer<HostSchemes> changes;

    /**
     * What is known of one host's schemes (PROTOCOL.md §3.6): the one it accepted last, if any, and
     * those it refused since. Both empty: the host is unknown again.
     */
    public record HostSchemes(String host, Optional<SignatureScheme> accepted, Set<SignatureScheme> rejected) {
        public HostSchemes {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(accepted, "accepted");
            rejected = Set.copyOf(rejected);
        }
    }

    /** Draft-cavage on first contact, {@link #DEFAULT_CAPACITY} hosts remembered. */
    public NegotiatingSigner(CavageSigner cavage, Clock clock, Rfc9421Signing rfc9421) {
        this(cavage, clock, rfc9421, SignatureScheme.DRAFT_CAVAGE_12, DEFAULT_CAPACITY);
    }

    /**
     * @param cavage       signs the draft-cavage attempts
     * @param clock        dates the draft-cavage attempts
     * @param rfc9421      signs the RFC 9421 attempts
     * @param firstContact the scheme to try on a host we know nothing about; RFC 9421 is what
     *                     Fedify does, draft-cavage what Mastodon 4.7 does
     * @param capacity     how many hosts to remember
     */
    public NegotiatingSigner(CavageSigner cavage, Clock clock, Rfc9421Signing rfc9421,
            SignatureScheme firstContact, int capacity) {
        this(cavage, clock, rfc9421, firstContact, capacity, schemes -> { });
    }

    /**
     * @param changes told each change of what is known of a host, on the thread that made it and
     *                after this memory was updated; it must be quick
     */
    public NegotiatingSigner(CavageSigner cavage, Clock clock, Rfc9421Signing rfc9421,
            SignatureScheme firstContact, int capacity, Consumer<HostSchemes> changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.cavage = Objects.requireNonNull(cavage, "cavage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rfc9421 = Objects.requireNonNull(rfc9421, "rfc9421");
        this.firstContact = Objects.requireNonNull(firstContact, "firstContact");
        this.hosts = new LruMap<>(capacity);
    }

    /** Whether a response status may mean "I do not accept this signature scheme". */
    public static boolean isSignatureRejection(int status) {
        return status == 400 || status == 401 || status == 403;
    }

    /** The scheme the next request to this host will be signed with first. */
    public SignatureScheme firstChoice(String host) {
        HostState state = state(normalise(host));
        if (state.accepted() != null) {
            return state.accepted();
        }
        if (state.rejected().contains(firstContact) && !state.rejected().contains(other(firstContact))) {
            return other(firstContact);
        }
        return firstContact;
    }

    /** Signs a request to this host with the scheme it is most likely to accept. */
    public SignedAttempt sign(HttpMessage unsigned, String host) {
        return signWith(firstChoice(host), unsigned);
    }

    /**
     * Records that {@code rejected} was refused with {@code status} and, if that status may be
     * about the signature, signs the same unsigned request with the other scheme.
     *
     * @param unsigned the request as it was before {@link #sign}, without any signature
     * @return the second attempt, or empty when the status is not a signature rejection
     */
    public Optional<SignedAttempt> fallback(HttpMessage unsigned, String host, SignedAttempt rejected, int status) {
        recordRejection(host, rejected.scheme(), status);
        if (!isSignatureRejection(status)) {
            return Optional.empty();
        }
        return Optional.of(signWith(other(rejected.scheme()), unsigned));
    }

    /** The host accepted a request signed with this scheme (a 2xx answer). */
    public void recordSuccess(String host, SignatureScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        change(normalise(host), state -> state.afterSuccess(scheme));
    }

    /**
     * The host signed a request to us with this scheme, so it verifies it too, unless it refused
     * ours: a refusal weighs more, or each of its requests would make us knock twice again.
     */
    public void recordSignedBy(String host, SignatureScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        change(normalise(host), state -> state.rejected().contains(scheme) ? state : state.afterSuccess(scheme));
    }

    /**
     * The host answered {@code status} to a request signed with this scheme. Only 400, 401 and
     * 403 count; when both schemes have been refused the problem is not the scheme (a blocked
     * server, an unknown key), so the host is forgotten and the next request knocks afresh.
     */
    public void recordRejection(String host, SignatureScheme scheme, int status) {
        Objects.requireNonNull(scheme, "scheme");
        if (!isSignatureRejection(status)) {
            return;
        }
        change(normalise(host), state -> state.afterRejection(scheme));
    }

    /**
     * Takes back what an earlier run or another process knew of a host, replacing what is known of
     * it here; the listener is not told. A blank host is not taken.
     *
     * @return whether it was taken
     */
    public boolean restore(HostSchemes known) {
        if (known == null || known.host().isBlank()) {
            return false;
        }
        String key = normalise(known.host());
        synchronized (hosts) {
            hold(key, new HostState(known.accepted().orElse(null), known.rejected()));
        }
        return true;
    }

    /** What is known of this host's schemes now. */
    public HostSchemes schemesOf(String host) {
        String key = normalise(host);
        return schemes(key, state(key));
    }

    /** How many hosts are remembered; never more than the capacity. */
    public int rememberedHosts() {
        synchronized (hosts) {
            return hosts.size();
        }
    }

    /** Moves the host on by {@code step}, and tells the listener if that changed what is known. */
    private void change(String key, UnaryOperator<HostState> step) {
        HostState before;
        HostState after;
        synchronized (hosts) {
            before = hosts.getOrDefault(key, HostState.UNKNOWN);
            after = hold(key, step.apply(before));
        }
        tell(key, before, after);
    }

    /**
     * Keeps {@code state} for the host, or forgets the host when the state tells nothing or both
     * schemes were refused; returns what is kept. Called under the lock of {@code hosts}.
     */
    private HostState hold(String key, HostState state) {
        if (state.equals(HostState.UNKNOWN) || state.rejected().size() == SignatureScheme.values().length) {
            hosts.remove(key);
            return HostState.UNKNOWN;
        }
        hosts.put(key, state);
        return state;
    }

    private void tell(String host, HostState before, HostState after) {
        if (!before.equals(after)) {
            changes.accept(schemes(host, after));
        }
    }

    private static HostSchemes schemes(String host, HostState state) {
        return new HostSchemes(host, Optional.ofNullable(state.accepted()), state.rejected());
    }

    private SignedAttempt signWith(SignatureScheme scheme, HttpMessage unsigned) {
        HttpMessage signed = switch (scheme) {
            case DRAFT_CAVAGE_12 -> cavage.sign(unsigned, clock.instant());
            case RFC_9421 -> rfc9421.sign(unsigned);
        };
        return new SignedAttempt(scheme, signed);
    }

    private HostState state(String host) {
        synchronized (hosts) {
            return hosts.getOrDefault(host, HostState.UNKNOWN);
        }
    }

    private static SignatureScheme other(SignatureScheme scheme) {
        return scheme == SignatureScheme.RFC_9421 ? SignatureScheme.DRAFT_CAVAGE_12 : SignatureScheme.RFC_9421;
    }

    private static String normalise(String host) {
        Objects.requireNonNull(host, "host");
        String trimmed = host.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
