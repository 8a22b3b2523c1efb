package coop.entraide.node.http;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.store.AlreadyExistsException;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failed request into an RFC 9457 problem document. Known failures keep
 * their status and safe message; anything else becomes a 500 whose id is in the log next to the
 * cause, so an operator can find it without the client ever seeing internals.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    public static void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            LOG.warn("failure after the response started for {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            ctx.response().reset();
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            if (api.getCause() != null) {
                LOG.info("{} {} -> {}: {}", ctx.request().method(), ctx.request().path(), api.status(), api.detail(), api.getCause());
            }
            send(ctx, api.status(), api.title(), api.detail(), api.errors());
            return;
        }
        if (failure instanceof InvalidInputException invalid) {
            send(ctx, 422, "Invalid fields", invalid.getMessage(),
                    java.util.List.of(new ApiException.FieldError(invalid.field(), invalid.getMessage())));
            return;
        }
        if (failure instanceof AlreadyExistsException taken) {
            send(ctx, 409, "Conflict", taken.getMessage(), java.util.List.of());
            return;
        }
        if (failure instanceof NotFoundException missing) {
            send(ctx, 404, "Not found", missing.getMessage(), java.util.List.of());
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (failure == null && status >= 400 && status < 500) {
            send(ctx, status, titleFor(status), detailFor(status), java.util.List.of());
            return;
        }
        if (failure instanceof HttpException && status >= 400 && status < 500) {
            send(ctx, status, titleFor(status), detailFor(status), java.util.List.of());
            return;
        }
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected failure {} on {} {}", id, ctx.request().method(), ctx.request().path(), failure);
        send(ctx, 500, "Internal error", "Something went wrong on this server. Reference: " + id, java.util.List.of());
    }

    public static void send(RoutingContext ctx, int status, String title, String detail,
                            java.util.List<ApiException.FieldError> errors) {
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        if (!errors.isEmpty()) {
            JsonArray list = new JsonArray();
            errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
            body.put("errors", list);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Invalid fields";
            case 429 -> "Too many requests";
            default -> "Error";
        };
    }

    static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept this method.";
            case 406 -> "This resource cannot be served in any of the formats the Accept header asks for.";
            case 413 -> "The request body is larger than this server accepts.";
            case 415 -> "The request body is not in a format this address accepts.";
            default -> titleFor(status) + ".";
        };
    }
}
