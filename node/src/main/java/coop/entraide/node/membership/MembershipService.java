package coop.entraide.node.membership;

import coop.entraide.node.Uris;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Collective;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.MemberRepository;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.identity.Role;
import coop.entraide.node.moderation.AuditLog;
import coop.entraide.node.moderation.AuditLog.TargetKind;
import coop.entraide.node.settings.NodeSettings;
import coop.entraide.node.settings.Registrations;
import coop.entraide.node.store.AlreadyExistsException;
import coop.entraide.node.store.NotFoundException;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Who belongs to the node, as its staff manage it: invitation links, joining (with a link, or on
 * one's own when registrations are open or need approval), approving sign-ups, roles and
 * suspensions. Every staff action is written to the audit log in its own transaction.
 *
 * <p>Rules: moderators invite members and suspend members; only administrators invite staff,
 * change roles and suspend staff; nobody suspends themself, and the node always keeps one
 * administrator who can act.
 */
public final class MembershipService {
    public static final int DEFAULT_INVITATION_DAYS = 7;
    public static final int MAX_INVITATION_DAYS = 30;

    /** A new invitation: its link carries the token, shown this once. */
    public record Invited(Invitation invitation, String token, String url) {
    }

    /** What joining did: a member now, or a request waiting for a moderator. */
    public sealed interface Joined permits Joined.Active, Joined.Pending {
        record Active(Member member) implements Joined {
        }

        record Pending(SignUp request) implements Joined {
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final Clock clock;
    private final IdentityService identity;
    private final NodeSettings settings;
    private final PasswordHasher passwords;
    private final MembershipRepository repository = new MembershipRepository();
    private final MemberRepository members = new MemberRepository();
    private final AuditLog audit = new AuditLog();

    public MembershipService(Vertx vertx, Pool pool, Clock clock, IdentityService identity, NodeSettings settings,
                             PasswordHasher passwords) {
        this.vertx = vertx;
        this.pool = pool;
        this.clock = clock;
        this.identity = identity;
        this.settings = settings;
        this.passwords = passwords;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    Uris uris() {
        return identity.uris();
    }

    // ---- invitations ---------------------------------------------------------------------------

    public Future<Invited> invite(Member by, Role role, int days, Optional<String> collectiveName) {
        if (role != Role.MEMBER && by.role() != Role.ADMIN) {
            return Future.failedFuture(ApiException.forbidden("Only an administrator can invite a moderator or an administrator."));
        }
        String token = InvitationToken.generate();
        return identity.collective(collectiveName.orElse(by.collectiveUsername()))
                .compose(c -> pool.withTransaction(tx -> repository.insertInvitation(tx, InvitationToken.sha256(token),
                                c.id(), role, by.id(), now().plusDays(days))
                        .compose(id -> audit.record(tx, by, "invitation_created", TargetKind.INVITATION,
                                        "#" + id + " (" + role.value() + ", " + c.username() + ")", null, "")
                                .compose(v -> repository.invitation(tx, id)))))
                .map(found -> new Invited(found.orElseThrow(), token,
                        uris().base() + "/app/sign-up?invitation=" + token));
    }

    public Future<List<Invitation>> invitations() {
        return repository.recentInvitations(pool);
    }

    public Future<Void> revoke(Member by, long id) {
        return pool.withTransaction(tx -> repository.invitation(tx, id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new NotFoundException("there is no invitation " + id));
            }
            return repository.revokeInvitation(tx, id).compose(revoked -> revoked
                    ? audit.record(tx, by, "invitation_revoked", TargetKind.INVITATION, "#" + id, null, "")
                    : Future.failedFuture(ApiException.conflict("This invitation was already used or revoked.")));
        }));
    }

    /** The invitation a link carries, if it can still be used: 404 unknown or revoked, 410 used or expired. */
    public Future<Invitation> usableInvitation(String token) {
        if (!InvitationToken.wellFormed(token)) {
            return Future.failedFuture(ApiException.notFound("This invitation link is not valid."));
        }
        return repository.invitationByToken(pool, InvitationToken.sha256(token)).compose(found -> {
            if (found.isEmpty() || found.get().revokedAt() != null) {
                return Future.failedFuture(ApiException.notFound("This invitation link is not valid."));
            }
            String state = found.get().state(now());
            if (!state.equals("open")) {
                return Future.failedFuture(new ApiException(410, "Gone", "This invitation link was already used or has expired."));
            }
            return Future.succeededFuture(found.get());
        });
    }

    // ---- joining -------------------------------------------------------------------------------

    public Future<Joined> join(Registration r) {
        if (r.invitation().isPresent()) {
            return usableInvitation(r.invitation().get())
                    .compose(inv -> requireNameFree(r.username())
                            .compose(v -> hash(r.password()))
                            .compose(hash -> identity.createMemberWithHash(
                                    new NewMember(r.username(), inv.collective(), r.displayName(), null, inv.role(), null),
                                    hash, (tx, memberId) -> repository.spendInvitation(tx, inv.id(), memberId)
                                            .compose(spent -> spent ? Future.<Void>succeededFuture() : Future.failedFuture(
                                                    new ApiException(410, "Gone", "This invitation link was used meanwhile."))))))
                    .map(Joined.Active::new);
        }
        return settings.read(pool).compose(profile -> {
            if (profile.registrations() == Registrations.CLOSED) {
                return Future.failedFuture(ApiException.forbidden(
                        "This node takes new members by invitation only; ask a member for a link."));
            }
            return collectiveToJoin(r).compose(c -> requireNameFree(r.username())
                    .compose(v -> hash(r.password()))
                    .compose(hash -> profile.registrations() == Registrations.OPEN
                            ? identity.createMemberWithHash(new NewMember(r.username(), c.username(), r.displayName(),
                                    null, Role.MEMBER, null), hash, (tx, id) -> Future.succeededFuture())
                                    .map(Joined.Active::new)
                            : SqlErrors.uniqueViolation(pool.withTransaction(tx -> repository.insertSignUp(tx,
                                            r.username(), r.displayName(), c.id(), hash, r.reason())),
                                    "the name '" + r.username() + "' is already asked for")
                                    .compose(id -> repository.signUp(pool, id))
                                    .map(found -> new Joined.Pending(found.orElseThrow()))));
        });
    }

    private Future<Collective> collectiveToJoin(Registration r) {
        return identity.collectives().compose(all -> {
            if (r.collective().isPresent()) {
                return all.stream().filter(c -> c.username().equalsIgnoreCase(r.collective().get())).findFirst()
                        .map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(ApiException.invalid(List.of(new ApiException.FieldError(
                                "collective", "there is no collective named '" + r.collective().get() + "'")))));
            }
            if (all.size() == 1) {
                return Future.succeededFuture(all.get(0));
            }
            return Future.failedFuture(ApiException.invalid(List.of(new ApiException.FieldError("collective",
                    all.isEmpty() ? "this node has no collective to join yet" : "choose the collective to join"))));
        });
    }

    /** A name is free when no actor has it and nobody is waiting for approval under it. */
    private Future<Void> requireNameFree(String username) {
        return identity.localActorByUsername(username)
                .compose(actor -> actor.isPresent() ? Future.succeededFuture(true) : repository.pendingSignUpNamed(pool, username))
                .compose(taken -> taken
                        ? Future.failedFuture(new AlreadyExistsException("the name '" + username + "' is already taken on this node"))
                        : Future.succeededFuture());
    }

    private Future<String> hash(String password) {
        return vertx.executeBlocking(() -> passwords.hash(password), false);
    }

    // ---- sign-ups waiting for approval ---------------------------------------------------------

    public Future<List<SignUp>> pendingSignUps() {
        return repository.pendingSignUps(pool);
    }

    public Future<Member> approve(Member by, long id) {
        return pendingSignUp(id).compose(s -> repository.signUpPasswordHash(pool, id)
                .compose(hash -> identity.createMemberWithHash(
                        new NewMember(s.username(), s.collective(), s.displayName(), null, Role.MEMBER, null), hash,
                        (tx, memberId) -> repository.decideSignUp(tx, id, "approved", by.id()).compose(decided -> decided
                                ? audit.record(tx, by, "sign_up_approved", TargetKind.SIGN_UP, s.username(), null, "")
                                : Future.failedFuture(ApiException.conflict("Another moderator decided first."))))));
    }

    public Future<SignUp> reject(Member by, long id, String reason) {
        return pendingSignUp(id)
                .compose(s -> pool.withTransaction(tx -> repository.decideSignUp(tx, id, "rejected", by.id())
                        .compose(decided -> decided
                                ? audit.record(tx, by, "sign_up_rejected", TargetKind.SIGN_UP, s.username(), null, reason)
                                : Future.failedFuture(ApiException.conflict("Another moderator decided first.")))))
                .compose(v -> repository.signUp(pool, id).map(Optional::orElseThrow));
    }

    private Future<SignUp> pendingSignUp(long id) {
        return repository.signUp(pool, id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new NotFoundException("there is no sign-up request " + id));
            }
            if (!found.get().state().equals("pending")) {
                return Future.failedFuture(ApiException.conflict("This request was already " + found.get().state() + "."));
            }
            return Future.succeededFuture(found.get());
        });
    }

    // ---- members -------------------------------------------------------------------------------

    public Future<List<Member>> members() {
        return identity.members(Optional.empty());
    }

    public Future<Member> setRole(Member by, String username, Role role) {
        if (by.role() != Role.ADMIN) {
            return Future.failedFuture(ApiException.forbidden("Only an administrator can change roles."));
        }
        return pool.withTransaction(tx -> repository.lockActiveAdmins(tx)
                        .compose(admins -> target(tx, username).compose(m -> {
                            if (m.role() == role) {
                                return Future.succeededFuture();
                            }
                            if (m.role() == Role.ADMIN && admins.equals(List.of(m.id()))) {
                                return Future.failedFuture(ApiException.conflict(
                                        "This is the last administrator of the node; make someone else administrator first."));
                            }
                            return repository.setRole(tx, m.id(), role)
                                    .compose(v -> audit.record(tx, by, "role_changed", TargetKind.MEMBER, m.username(),
                                            null, m.role().value() + " → " + role.value()));
                        })))
                .compose(v -> identity.member(username));
    }

    /** Suspends a member: they are signed out everywhere and can no longer sign in. */
    public Future<Member> suspend(Member by, String username, String reason, Long reportId) {
        return pool.withTransaction(tx -> suspend(tx, by, username, reason, reportId))
                .compose(v -> identity.member(username));
    }

    /** The same, in the caller's transaction (a moderator acting on a report). */
    public Future<Void> suspend(SqlConnection tx, Member by, String username, String reason, Long reportId) {
        return repository.lockActiveAdmins(tx).compose(admins -> target(tx, username).compose(m -> {
            if (m.id() == by.id()) {
                return Future.failedFuture(ApiException.conflict("You cannot suspend yourself."));
            }
            if (m.role() != Role.MEMBER && by.role() != Role.ADMIN) {
                return Future.failedFuture(ApiException.forbidden("Only an administrator can suspend a moderator or an administrator."));
            }
            if (m.suspended()) {
                return Future.failedFuture(ApiException.conflict(m.username() + " is already suspended."));
            }
            if (admins.equals(List.of(m.id()))) {
                return Future.failedFuture(ApiException.conflict("This is the last administrator of the node."));
            }
            return members.setSuspended(tx, m.id(), true)
                    .compose(v -> members.endSessions(tx, m.id()))
                    .compose(v -> audit.record(tx, by, "member_suspended", TargetKind.MEMBER, m.username(), reportId, reason));
        }));
    }

    public Future<Member> unsuspend(Member by, String username, String reason) {
        return pool.withTransaction(tx -> target(tx, username).compose(m -> {
                    if (m.role() != Role.MEMBER && by.role() != Role.ADMIN) {
                        return Future.failedFuture(ApiException.forbidden(
                                "Only an administrator can lift the suspension of a moderator or an administrator."));
                    }
                    if (!m.suspended()) {
                        return Future.failedFuture(ApiException.conflict(m.username() + " is not suspended."));
                    }
                    return members.setSuspended(tx, m.id(), false)
                            .compose(v -> audit.record(tx, by, "member_unsuspended", TargetKind.MEMBER, m.username(), null, reason));
                }))
                .compose(v -> identity.member(username));
    }

    private Future<Member> target(SqlConnection tx, String username) {
        return members.byUsername(tx, username).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no member named '" + username + "'"))));
    }
}
