package coop.entraide.node.identity;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.NodeContext;
import coop.entraide.node.Uris;
import coop.entraide.node.store.NodeSettingsRepository;
import coop.entraide.node.store.AlreadyExistsException;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating and finding the node's own actors: the instance actor, collectives and their members.
 * Used by the node at start-up, by the API, by {@code entraide admin} and by the demo seeder.
 *
 * <p>Key generation and password hashing are slow on purpose and run on worker threads.
 * Names are checked first for a clear message, and the database's unique index settles races
 * between processes.
 */
public final class IdentityService {
    /** What an operator gives to create a collective. */
    public record NewCollective(String username, String displayName, String summary, boolean approveFollowers) {
    }

    /** What an operator gives to create a member; a null password means none is set yet. */
    public record NewMember(String username, String collective, String displayName, String summary,
                            Role role, String password) {
        @Override
        public String toString() {
            return "NewMember[" + username + "@" + collective + ", " + role + "]";
        }
    }

    private record Prepared(LocalActorDraft draft, String passwordHash) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final Uris uris;
    private final PasswordHasher passwords;
    private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

    private final NodeSettingsRepository settings = new NodeSettingsRepository();
    private final ActorRepository actors = new ActorRepository();
    private final ActorKeyRepository keys = new ActorKeyRepository();
    private final CollectiveRepository collectives = new CollectiveRepository();
    private final MemberRepository members = new MemberRepository();

    public IdentityService(Vertx vertx, Pool pool, Uris uris, PasswordHasher passwords) {
        this.vertx = vertx;
        this.pool = pool;
        this.uris = uris;
        this.passwords = passwords;
    }

    /** The service of a running node (or of an admin command that opened its database). */
    public static IdentityService of(NodeContext ctx) {
        return new IdentityService(ctx.vertx(), ctx.pool(), new Uris(ctx.config().baseUrl()), new PasswordHasher());
    }

    public Uris uris() {
        return uris;
    }

    /**
     * Start-up: records the base URL the node's ids are minted under (warning when it changed,
     * since other servers know our actors by their old ids), then makes sure the instance actor exists.
     */
    public Future<Actor> prepareNode() {
        return settings.putIfAbsent(pool, NodeSettingsRepository.BASE_URL, uris.base())
                .onSuccess(stored -> {
                    if (!uris.base().equals(stored)) {
                        LOG.warn("this database's ids were minted under {} but the node now runs as {}; "
                                + "other servers will not recognise the actors created before", stored, uris.base());
                    }
                })
                .compose(v -> ensureInstanceActor());
    }

    // ---- the instance actor -------------------------------------------------------------------

    /**
     * The node's own {@code Application} actor, created on first start. Safe when several
     * processes start together on one database: one insert wins, the others read it.
     */
    public Future<Actor> ensureInstanceActor() {
        return actors.byUri(pool, uris.instanceActor())
                .compose(found -> found.map(Future::succeededFuture).orElseGet(this::createInstanceActor));
    }

    private Future<Actor> createInstanceActor() {
        return generateKeys()
                .map(k -> draft(uris.instanceActor(), ActorType.APPLICATION, uris.authority(), uris.authority(), "", true, false, k))
                .compose(d -> pool.withTransaction(tx -> actors.insertLocalIfAbsent(tx, d)
                        .compose(inserted -> inserted.isEmpty()
                                ? Future.succeededFuture(inserted)
                                : keys.insert(tx, inserted.get().id(), d.keys()).map(inserted))))
                .compose(inserted -> inserted.isPresent() ? Future.succeededFuture(inserted.get()) : instanceActorWrittenByOther());
    }

    private Future<Actor> instanceActorWrittenByOther() {
        return actors.byUri(pool, uris.instanceActor()).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new IllegalStateException("the instance actor's name '"
                        + uris.authority() + "' belongs to another actor of this database; was the base URL changed?"))));
    }

    // ---- collectives --------------------------------------------------------------------------

    public Future<Collective> createCollective(NewCollective request) {
        return Future.succeededFuture(request)
                .map(this::collectiveDraftWithoutKeys)
                .compose(this::requireNameFree)
                .compose(d -> generateKeys().map(k -> withKeys(d, k)))
                .compose(d -> pool.withTransaction(tx -> actors.insertLocal(tx, d, taken(d.username()))
                        .compose(actor -> keys.insert(tx, actor.id(), d.keys())
                                .compose(v -> collectives.insert(tx, actor.id())))))
                .compose(v -> collective(request.username()));
    }

    private LocalActorDraft collectiveDraftWithoutKeys(NewCollective r) {
        String name = Username.require("name", r.username());
        return draft(uris.collective(name), ActorType.GROUP, name, Profile.displayName(r.displayName(), name),
                Profile.summaryHtml(r.summary()), r.approveFollowers(), true, null);
    }

    public Future<Collective> collective(String username) {
        return collectives.byUsername(pool, username).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no collective named '" + username + "'"))));
    }

    public Future<List<Collective>> collectives() {
        return collectives.list(pool);
    }

    // ---- members ------------------------------------------------------------------------------

    public Future<Member> createMember(NewMember request) {
        return memberDraft(request)
                .compose(d -> Future.all(generateKeys(), hashIfGiven(request.password()))
                        .map(both -> new Prepared(withKeys(d, both.resultAt(0)), both.resultAt(1))))
                .compose(p -> pool.withTransaction(tx -> insertMember(tx, request, p)))
                .compose(v -> member(request.username()));
    }

    /** The new member's actor, once the request is valid, the collective exists and the name is free. */
    private Future<LocalActorDraft> memberDraft(NewMember request) {
        return Future.succeededFuture(request)
                .map(this::checkMember)
                .compose(r -> collective(r.collective())
                        .map(c -> draft(uris.member(r.username()), ActorType.PERSON, r.username(),
                                Profile.displayName(r.displayName(), r.username()), Profile.summaryHtml(r.summary()),
                                false, true, null)))
                .compose(this::requireNameFree);
    }

    private Future<Long> insertMember(SqlConnection tx, NewMember request, Prepared p) {
        return collectives.byUsername(tx, request.collective())
                .map(c -> c.orElseThrow(() -> new NotFoundException("there is no collective named '" + request.collective() + "'")))
                .compose(c -> actors.insertLocal(tx, p.draft(), taken(request.username()))
                        .compose(actor -> keys.insert(tx, actor.id(), p.draft().keys())
                                .compose(v -> members.insert(tx, actor.id(), c.id(), request.role(), p.passwordHash()))
                                .map(actor.id())));
    }

    /**
     * Creates a member whose password was hashed already (a sign-up waiting for approval, an
     * invitation used), running {@code alongside} with the new member's id in the same
     * transaction: the invitation is spent, or the request approved, only if the member exists.
     */
    public Future<Member> createMemberWithHash(NewMember request, String passwordHash,
                                               BiFunction<SqlConnection, Long, Future<Void>> alongside) {
        if (request.password() != null) {
            throw new IllegalArgumentException("give the hash, not the password");
        }
        return memberDraft(request)
                .compose(d -> generateKeys().map(k -> new Prepared(withKeys(d, k), passwordHash)))
                .compose(p -> pool.withTransaction(tx -> insertMember(tx, request, p)
                        .compose(id -> alongside.apply(tx, id))))
                .compose(v -> member(request.username()));
    }

    private NewMember checkMember(NewMember r) {
        Username.require("username", r.username());
        if (r.collective() == null || r.collective().isBlank()) {
            throw new InvalidInputException("collective", "collective is required");
        }
        if (r.role() == null) {
            throw new InvalidInputException("role", "role must be member, moderator or admin");
        }
        if (r.password() != null) {
            PasswordHasher.requireAcceptable(r.password());
        }
        return r;
    }

    public Future<Member> member(String username) {
        return members.byUsername(pool, username).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no member named '" + username + "'"))));
    }

    /** All members, or those of the named collective. */
    public Future<List<Member>> members(Optional<String> collective) {
        if (collective.isEmpty()) {
            return members.list(pool, Optional.empty());
        }
        return collective(collective.get()).compose(c -> members.list(pool, Optional.of(c.id())));
    }

    /** Sets a member's password and signs them out everywhere. */
    public Future<Void> setPassword(String username, String password) {
        return Future.succeededFuture(password)
                .map(PasswordHasher::requireAcceptable)
                .compose(p -> member(username))
                .compose(m -> hash(password).compose(h -> pool.withTransaction(tx ->
                        members.setPasswordHash(tx, m.id(), h).compose(v -> members.endSessions(tx, m.id())))));
    }

    /** Suspends a member (they can no longer sign in or use their sessions), or lifts it. */
    public Future<Member> setSuspended(String username, boolean suspended) {
        return member(username)
                .compose(m -> members.setSuspended(pool, m.id(), suspended))
                .compose(v -> member(username));
    }

    // ---- any local actor ----------------------------------------------------------------------

    /** The local actor a URL path names, if it exists and is of the kind the path says. */
    public Future<Optional<Actor>> localActor(Uris.LocalActorRef ref) {
        return switch (ref.kind()) {
            case INSTANCE -> actors.byUri(pool, uris.instanceActor());
            case COLLECTIVE -> localActorOfType(ref.username(), ActorType.GROUP);
            case MEMBER -> localActorOfType(ref.username(), ActorType.PERSON);
        };
    }

    /** A local actor by its WebFinger name, of any type. */
    public Future<Optional<Actor>> localActorByUsername(String username) {
        return actors.localByUsername(pool, username);
    }

    private Future<Optional<Actor>> localActorOfType(String username, ActorType type) {
        if (!Username.isValid(username)) {
            return Future.succeededFuture(Optional.empty());
        }
        return actors.localByUsername(pool, username).map(found -> found.filter(a -> a.type() == type));
    }

    // ---- steps --------------------------------------------------------------------------------

    private Future<LocalActorDraft> requireNameFree(LocalActorDraft d) {
        return actors.localByUsername(pool, d.username()).compose(found -> found.isPresent()
                ? Future.failedFuture(new AlreadyExistsException(taken(d.username())))
                : Future.succeededFuture(d));
    }

    private static String taken(String username) {
        return "the name '" + username + "' is already taken on this node";
    }

    private Future<ActorKeys> generateKeys() {
        return vertx.executeBlocking(ActorKeys::generate, false);
    }

    private Future<String> hash(String password) {
        return vertx.executeBlocking(() -> passwords.hash(password), false);
    }

    private Future<String> hashIfGiven(String password) {
        return password == null ? Future.succeededFuture(null) : hash(password);
    }

    private LocalActorDraft draft(String uri, ActorType type, String username, String displayName, String summaryHtml,
                                  boolean approveFollowers, boolean discoverable, ActorKeys actorKeys) {
        return new LocalActorDraft(uri, type, username, displayName, summaryHtml, uris.inbox(uri), uris.outbox(uri),
                uris.sharedInbox(), uris.followers(uri), uris.following(uri), uris.mainKey(uri), uris.ed25519Key(uri),
                approveFollowers, discoverable, actorKeys);
    }

    private static LocalActorDraft withKeys(LocalActorDraft d, ActorKeys k) {
        return new LocalActorDraft(d.uri(), d.type(), d.username(), d.displayName(), d.summaryHtml(), d.inbox(),
                d.outbox(), d.sharedInbox(), d.followers(), d.following(), d.publicKeyId(), d.multikeyId(),
                d.manuallyApprovesFollowers(), d.discoverable(), k);
    }
}
