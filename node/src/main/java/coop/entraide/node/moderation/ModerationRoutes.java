package coop.entraide.node.moderation;

import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reports and the moderation queue:
 * <ul>
 *   <li>{@code POST /api/v1/reports} (any member): {@code {"account"?, "objects"?: [uri], "comment"?}};</li>
 *   <li>{@code GET /api/v1/admin/reports?state=open|resolved|dismissed|all&before=ID},
 *       {@code GET /api/v1/admin/reports/{id}} (moderators);</li>
 *   <li>{@code POST /api/v1/admin/reports/{id}/actions} {@code {"action": "hide"|"delete"|"suspend"|
 *       "block_domain"|"resolve"|"dismiss", "object"?: uri, "reason"?: text}} (moderators;
 *       block_domain: administrators);</li>
 *   <li>{@code GET /api/v1/admin/audit-log?before=ID&report=ID} (moderators).</li>
 * </ul>
 */
public final class ModerationRoutes implements Routes {
    static final String REPORTS = "/api/v1/admin/reports";
    static final String AUDIT = "/api/v1/admin/audit-log";
    static final Set<String> STATES = Set.of("open", "resolved", "dismissed");
    static final int MAX_REASON = 2000;

    private final ModerationService service;
    private final Authenticator authenticator;
    private final Handler<RoutingContext> moderators;

    public ModerationRoutes(ModerationService service, Authenticator authenticator, Handler<RoutingContext> moderators) {
        this.service = service;
        this.authenticator = authenticator;
        this.moderators = moderators;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/reports").handler(authenticator::require).handler(this::report);
        router.route(REPORTS + "*").handler(moderators);
        router.route(AUDIT).handler(moderators);
        router.get(REPORTS).handler(this::list);
        router.get(REPORTS + "/:id").handler(this::get);
        router.post(REPORTS + "/:id/actions").handler(this::act);
        router.get(AUDIT).handler(this::audit);
    }

    private void report(RoutingContext ctx) {
        ReportRequest request = ReportRequest.fromJson(JsonApi.body(ctx));
        service.report(Authenticator.current(ctx).member(), request)
                .onSuccess(id -> JsonApi.send(ctx, 201, new JsonObject().put("id", id).put("state", "open")))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        String state = Optional.ofNullable(ctx.queryParams().get("state")).orElse("open");
        if (!state.equals("all") && !STATES.contains(state)) {
            throw ApiException.invalid(List.of(new FieldError("state", "state must be open, resolved, dismissed or all")));
        }
        Optional<Long> before = positive(ctx, "before");
        service.list(state.equals("all") ? Optional.empty() : Optional.of(state), before, ModerationService.MAX_PAGE)
                .compose(page -> service.openCount().map(open -> new JsonObject()
                        .put("open", open)
                        .put("reports", new JsonArray(page.stream().map(r -> r.toJson(service.authority())).toList()))))
                .onSuccess(body -> JsonApi.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        service.get(id(ctx))
                .onSuccess(r -> JsonApi.send(ctx, 200, r.toJson(service.authority())))
                .onFailure(ctx::fail);
    }

    private void act(RoutingContext ctx) {
        long id = id(ctx);
        JsonObject body = JsonApi.body(ctx);
        List<FieldError> errors = new java.util.ArrayList<>();
        Optional<ModerationAction> action = ModerationAction.parse(body.getValue("action"));
        if (action.isEmpty()) {
            errors.add(new FieldError("action", "action must be hide, delete, suspend, block_domain, resolve or dismiss"));
        }
        Object object = body.getValue("object");
        if (object != null && !(object instanceof String)) {
            errors.add(new FieldError("object", "object must be the address of one of the report's objects"));
        }
        Object reason = body.getValue("reason");
        if (reason != null && (!(reason instanceof String r) || r.length() > MAX_REASON)) {
            errors.add(new FieldError("reason", "reason must be a text of at most " + MAX_REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        service.act(Authenticator.current(ctx).member(), id, action.get(), Optional.ofNullable((String) object),
                        reason == null ? "" : ((String) reason).strip())
                .onSuccess(r -> JsonApi.send(ctx, 200, r.toJson(service.authority())))
                .onFailure(ctx::fail);
    }

    private void audit(RoutingContext ctx) {
        service.auditLog(positive(ctx, "before"), positive(ctx, "report"), ModerationService.MAX_PAGE)
                .onSuccess(entries -> JsonApi.send(ctx, 200, new JsonObject()
                        .put("entries", new JsonArray(entries.stream().map(AuditLog.Entry::toJson).toList()))))
                .onFailure(ctx::fail);
    }

    private static Optional<Long> positive(RoutingContext ctx, String name) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(text);
            if (n > 0) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(List.of(new FieldError(name, name + " must be a positive whole number")));
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("There is no report with this id.");
        }
    }
}
