package coop.entraide.node.moderation;

import coop.entraide.node.federation.policy.DomainName;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.federation.policy.DomainPolicyEditor;
import coop.entraide.node.federation.policy.Policy;
import coop.entraide.node.federation.social.Activities;
import coop.entraide.node.federation.social.ActorLookup;
import coop.entraide.node.federation.social.Audience;
import coop.entraide.node.federation.social.DeleteHandler;
import coop.entraide.node.federation.social.ObjectRepository;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.Role;
import coop.entraide.node.membership.MembershipService;
import coop.entraide.node.moderation.AuditLog.TargetKind;
import coop.entraide.node.moderation.ReportView.ReportedObject;
import coop.entraide.node.notifications.Notifications;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The moderation queue: members report accounts and objects (remote servers report with
 * {@code Flag}, recorded by the inbox), moderators read the reports with what they are about and
 * act on them. Every action goes to the audit log in the transaction that does it, and every new
 * report tells the moderators.
 */
public final class ModerationService {
    public static final int MAX_PAGE = 100;

    private final Pool pool;
    private final SocialContext social;
    private final MembershipService membership;
    private final DomainPolicyEditor domains;
    private final DomainPolicies policies;
    private final ModerationRepository reports = new ModerationRepository();
    private final ObjectRepository objects = new ObjectRepository();
    private final ActorLookup actors = new ActorLookup();
    private final AuditLog audit = new AuditLog();
    private final Notifications notifications = new Notifications();

    public ModerationService(Pool pool, SocialContext social, MembershipService membership, DomainPolicyEditor domains,
                             DomainPolicies policies) {
        this.pool = pool;
        this.social = social;
        this.membership = membership;
        this.domains = domains;
        this.policies = policies;
    }

    String authority() {
        return social.uris().authority();
    }

    // ---- reporting -----------------------------------------------------------------------------

    /** A member reports an account or objects; answers the new report's id. */
    public Future<Long> report(Member reporter, ReportRequest request) {
        return pool.withTransaction(tx -> reportedObjects(tx, request.objects())
                .compose(found -> reportedAccount(tx, request.account(), found).compose(target -> {
                    if (target.isPresent() && target.get().id() == reporter.id()) {
                        return Future.failedFuture(ApiException.invalid(List.of(
                                new ApiException.FieldError("account", "you cannot report yourself"))));
                    }
                    return reports.open(tx, reporter.id(), target.map(Actor::id).orElse(null), request.objects(),
                                    request.comment())
                            .compose(id -> notifications.notifyModerators(tx, Notifications.Kind.REPORT_OPENED,
                                    new JsonObject().put("report_id", id).put("origin", "member")).map(id));
                })));
    }

    private Future<List<Long>> reportedObjects(SqlConnection tx, List<String> uris) {
        Future<List<Long>> chain = Future.succeededFuture(new ArrayList<>());
        for (String uri : uris) {
            chain = chain.compose(authors -> objects.byUri(tx, uri).compose(o -> {
                if (o.isEmpty()) {
                    return Future.failedFuture(ApiException.invalid(List.of(new ApiException.FieldError("objects",
                            "this node holds no object " + uri))));
                }
                authors.add(o.get().actorId());
                return Future.succeededFuture(authors);
            }));
        }
        return chain;
    }

    /** The account named, else the author of the first object. */
    private Future<Optional<Actor>> reportedAccount(SqlConnection tx, Optional<String> account, List<Long> authors) {
        if (account.isEmpty()) {
            return authors.isEmpty() ? Future.succeededFuture(Optional.empty()) : actors.byId(tx, authors.get(0));
        }
        String a = account.get();
        Future<Optional<Actor>> found;
        if (a.startsWith("https://") || a.startsWith("http://")) {
            found = actors.byUri(tx, a);
        } else {
            String handle = a.startsWith("@") ? a.substring(1) : a;
            int at = handle.indexOf('@');
            String username = at < 0 ? handle : handle.substring(0, at);
            String host = at < 0 ? "" : handle.substring(at + 1);
            found = reports.actorByHandle(tx, username, host.equalsIgnoreCase(authority()) ? "" : host);
        }
        return found.compose(actor -> actor.isPresent() ? Future.succeededFuture(actor)
                : Future.failedFuture(new NotFoundException("this node knows no account " + a)));
    }

    // ---- reading -------------------------------------------------------------------------------

    public Future<List<ReportView>> list(Optional<String> state, Optional<Long> before, int limit) {
        return reports.list(pool, state, before, limit);
    }

    public Future<ReportView> get(long id) {
        return reports.byId(pool, id).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("there is no report " + id))));
    }

    public Future<Long> openCount() {
        return reports.openCount(pool);
    }

    public Future<List<AuditLog.Entry>> auditLog(Optional<Long> before, Optional<Long> report, int limit) {
        return audit.list(pool, before, report, limit);
    }

    // ---- acting --------------------------------------------------------------------------------

    public Future<ReportView> act(Member by, long reportId, ModerationAction action, Optional<String> objectUri,
                                  String reason) {
        return get(reportId)
                .compose(report -> switch (action) {
                    case RESOLVE -> close(by, report, "resolved", reason);
                    case DISMISS -> close(by, report, "dismissed", reason);
                    case HIDE -> hide(by, report, chosen(report, objectUri), reason);
                    case DELETE -> delete(by, report, chosen(report, objectUri), reason);
                    case SUSPEND -> suspend(by, report, reason);
                    case BLOCK_DOMAIN -> blockDomain(by, report, reason);
                })
                .compose(v -> get(reportId));
    }

    private Future<Void> close(Member by, ReportView report, String state, String reason) {
        return pool.withTransaction(tx -> reports.close(tx, report.id(), state, by.id()).compose(closed -> closed
                ? audit.record(tx, by, "report_" + state, TargetKind.REPORT, "#" + report.id(), report.id(), reason)
                : Future.failedFuture(ApiException.conflict("This report is already " + report.state() + "."))));
    }

    /** The report's objects still there, or the one named; 422 if it names one the report does not list. */
    private static List<ReportedObject> chosen(ReportView report, Optional<String> objectUri) {
        if (objectUri.isPresent() && !report.objectUris().contains(objectUri.get())) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("object", "this report does not list that object")));
        }
        return report.objects().stream()
                .filter(o -> o.deletedAt() == null)
                .filter(o -> objectUri.map(o.uri()::equals).orElse(true))
                .toList();
    }

    private Future<Void> hide(Member by, ReportView report, List<ReportedObject> targets, String reason) {
        List<ReportedObject> visible = targets.stream().filter(o -> o.hiddenAt() == null).toList();
        if (visible.isEmpty()) {
            return Future.failedFuture(ApiException.conflict("Nothing of this report is left to hide."));
        }
        Instant now = social.clock().instant();
        return pool.withTransaction(tx -> {
            Future<Void> done = Future.succeededFuture();
            for (ReportedObject o : visible) {
                done = done.compose(v -> objects.hide(tx, o.id(), now))
                        .compose(v -> audit.record(tx, by, "object_hidden", TargetKind.OBJECT, o.uri(), report.id(), reason));
            }
            return done;
        });
    }

    private Future<Void> delete(Member by, ReportView report, List<ReportedObject> targets, String reason) {
        if (targets.isEmpty()) {
            return Future.failedFuture(ApiException.conflict("Nothing of this report is left to delete."));
        }
        Instant now = social.clock().instant();
        return pool.withTransaction(tx -> {
            Future<Void> done = Future.succeededFuture();
            for (ReportedObject o : targets) {
                done = done.compose(v -> objects.byId(tx, o.id()))
                        .compose(stored -> objects.tombstone(tx, o.id(),
                                DeleteHandler.tombstone(o.uri(), stored.orElseThrow().types(), now), now))
                        .compose(v -> o.local() ? federateDelete(tx, o, now) : Future.succeededFuture())
                        .compose(v -> audit.record(tx, by, "object_deleted", TargetKind.OBJECT, o.uri(), report.id(), reason));
            }
            return done;
        }).onSuccess(v -> social.wakeDelivery().run());
    }

    /** Our own object: its author's followers (and anyone it reached) learn that it is gone. */
    private Future<Void> federateDelete(SqlConnection tx, ReportedObject o, Instant now) {
        return actors.byId(tx, o.authorId()).compose(author -> {
            if (author.isEmpty()) {
                return Future.succeededFuture();
            }
            Audience audience = Audience.publicly();
            return social.publisher().publish(tx, author.get(), Activities.delete(social.uris().newActivity(),
                            author.get(), o.uri(), audience.addressing(author.get()), now), audience)
                    .mapEmpty();
        });
    }

    private Future<Void> suspend(Member by, ReportView report, String reason) {
        Optional<ReportView.Party> target = report.target().filter(t -> t.local() && t.memberRole() != null);
        if (target.isEmpty()) {
            return Future.failedFuture(ApiException.conflict("The reported account is not a member of this node."));
        }
        return pool.withTransaction(tx -> membership.suspend(tx, by, target.get().username(), reason, report.id()));
    }

    private Future<Void> blockDomain(Member by, ReportView report, String reason) {
        if (by.role() != Role.ADMIN) {
            return Future.failedFuture(ApiException.forbidden("Only an administrator can block a server."));
        }
        Optional<ReportView.Party> target = report.target().filter(t -> !t.local());
        if (target.isEmpty()) {
            return Future.failedFuture(ApiException.conflict("The reported account is on this node; there is no server to block."));
        }
        String host = target.get().domain().replaceFirst(":\\d+$", "");
        if (!(DomainName.parse(host) instanceof DomainName.Valid valid)) {
            return Future.failedFuture(ApiException.conflict("The reported account's server cannot be blocked by name: " + host));
        }
        // The editor blocks and purges in its own transaction; the audit entry follows once it holds.
        return domains.set(valid.domain(), Policy.BLOCK, null, reason, by.username())
                .compose(change -> policies.refresh())
                .compose(snapshot -> pool.withTransaction(tx -> audit.record(tx, by, "domain_blocked", TargetKind.DOMAIN,
                        valid.domain().value(), report.id(), reason)));
    }
}
