package coop.entraide.node.federation.policy;

import coop.entraide.node.http.AdminGuard;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.ApiException.FieldError;
import coop.entraide.node.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The administrators' API for federation policies, behind an {@link AdminGuard}:
 * <ul>
 *   <li>{@code GET /api/v1/admin/domain-policies}: the mode and every policy;</li>
 *   <li>{@code GET|PUT|DELETE /api/v1/admin/domain-policies/{domain}}: one policy, where PUT takes
 *       {@code {"policy": "block"|"silence"|"allow", "publicComment": "…", "privateNote": "…"}}
 *       and answers 201 when it created the policy, 200 when it replaced it;</li>
 *   <li>{@code GET|PUT /api/v1/admin/federation-mode}: {@code {"mode": "open"|"allowlist"}}.</li>
 * </ul>
 */
public final class DomainPolicyRoutes implements Routes {
    public static final String POLICIES = "/api/v1/admin/domain-policies";
    public static final String MODE = "/api/v1/admin/federation-mode";
    static final int MAX_TEXT = 2000;
    private static final long MAX_BODY = 16 * 1024;

    private final DomainPolicies policies;
    private final DomainPolicyEditor editor;
    private final AdminGuard guard;

    public DomainPolicyRoutes(DomainPolicies policies, DomainPolicyEditor editor, AdminGuard guard) {
        this.policies = policies;
        this.editor = editor;
        this.guard = guard;
    }

    @Override
    public void mount(Router router) {
        router.route(POLICIES + "*").handler(guard);
        router.route(MODE).handler(guard);
        router.get(POLICIES).handler(this::list);
        router.get(POLICIES + "/:domain").handler(this::get);
        router.put(POLICIES + "/:domain").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(this::put);
        router.delete(POLICIES + "/:domain").handler(this::delete);
        router.get(MODE).handler(this::getMode);
        router.put(MODE).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(this::putMode);
    }

    private void list(RoutingContext ctx) {
        editor.mode()
                .compose(mode -> editor.list().map(all -> new JsonObject()
                        .put("mode", mode.wireName())
                        .put("policies", new JsonArray(all.stream().map(DomainPolicyRoutes::toJson).toList()))))
                .onSuccess(body -> reply(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        DomainName domain = domainParam(ctx);
        editor.find(domain)
                .map(found -> found.orElseThrow(() -> noPolicy(domain)))
                .onSuccess(p -> reply(ctx, 200, toJson(p)))
                .onFailure(ctx::fail);
    }

    /** A PUT body, checked. */
    private record Request(Policy policy, String publicComment, String privateNote) {
    }

    private void put(RoutingContext ctx) {
        DomainName domain = domainParam(ctx);
        Request request = readRequest(body(ctx));
        editor.set(domain, request.policy(), request.publicComment(), request.privateNote(), AdminGuard.administrator(ctx))
                .compose(change -> policies.refresh().map(change))
                .onSuccess(change -> {
                    ctx.response().putHeader("Location", POLICIES + "/" + domain.value());
                    reply(ctx, change.created() ? 201 : 200, toJson(change.policy())
                            .put("purged", new JsonObject(new java.util.LinkedHashMap<>(change.purged().removed()))));
                })
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        DomainName domain = domainParam(ctx);
        editor.remove(domain)
                .map(removed -> removed.orElseThrow(() -> noPolicy(domain)))
                .compose(removed -> policies.refresh())
                .onSuccess(v -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
                .onFailure(ctx::fail);
    }

    private void getMode(RoutingContext ctx) {
        editor.mode()
                .onSuccess(mode -> reply(ctx, 200, new JsonObject().put("mode", mode.wireName())))
                .onFailure(ctx::fail);
    }

    private void putMode(RoutingContext ctx) {
        Object value = body(ctx).getValue("mode");
        Optional<FederationMode> mode = value instanceof String s ? FederationMode.fromWireName(s) : Optional.empty();
        if (mode.isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("/mode", "must be \"open\" or \"allowlist\"")));
        }
        editor.setMode(mode.get())
                .compose(v -> policies.refresh())
                .onSuccess(snapshot -> reply(ctx, 200, new JsonObject().put("mode", mode.get().wireName())))
                .onFailure(ctx::fail);
    }

    private static DomainName domainParam(RoutingContext ctx) {
        DomainName.Parsed parsed = DomainName.parse(ctx.pathParam("domain"));
        if (parsed instanceof DomainName.Invalid invalid) {
            throw ApiException.badRequest(invalid.message());
        }
        return ((DomainName.Valid) parsed).domain();
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw ApiException.badRequest("The request needs a JSON object as its body.");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest("The body is not a JSON object.");
        }
    }

    private static Request readRequest(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        Object policyValue = body.getValue("policy");
        Optional<Policy> policy = policyValue instanceof String s ? Policy.fromWireName(s) : Optional.empty();
        if (policy.isEmpty()) {
            errors.add(new FieldError("/policy", "must be \"block\", \"silence\" or \"allow\""));
        }
        String publicComment = text(body, "publicComment", errors);
        String privateNote = text(body, "privateNote", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Request(policy.get(), publicComment, privateNote);
    }

    /** PUT replaces the whole policy: an absent comment is an empty one. */
    private static String text(JsonObject body, String field, List<FieldError> errors) {
        Object value = body.getValue(field);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            errors.add(new FieldError("/" + field, "must be a string"));
            return "";
        }
        if (s.length() > MAX_TEXT) {
            errors.add(new FieldError("/" + field, "must be at most " + MAX_TEXT + " characters"));
        }
        return s;
    }

    private static ApiException noPolicy(DomainName domain) {
        return ApiException.notFound("There is no policy on " + domain.value() + ".");
    }

    static JsonObject toJson(DomainPolicy p) {
        return new JsonObject()
                .put("domain", p.domain().value())
                .put("displayName", IDN.toUnicode(p.domain().value()))
                .put("policy", p.policy().wireName())
                .put("publicComment", p.publicComment())
                .put("privateNote", p.privateNote())
                .put("createdBy", p.createdBy())
                .put("createdAt", p.createdAt() == null ? null : p.createdAt().toInstant().toString())
                .put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toInstant().toString());
    }

    private static void reply(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
