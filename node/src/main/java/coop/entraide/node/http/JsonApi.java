package coop.entraide.node.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;

/**
 * What every {@code /api/} route shares: request bodies are read into memory up to
 * {@link #MAX_BODY_BYTES} (larger ones are refused with 413 before they are read in full), and
 * JSON bodies are checked the same way everywhere (415 for another type, 400 for broken JSON).
 * Mount it before any API route.
 */
public final class JsonApi implements Routes {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public void mount(Router router) {
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    }

    /** The request's body as a JSON object, or an {@link ApiException} saying what is wrong with it. */
    public static JsonObject body(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw new ApiException(415, "Unsupported media type", "Send the request body as application/json.");
        }
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            throw ApiException.badRequest("The request body is empty; send a JSON object.");
        }
        Object value;
        try {
            value = Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException e) {
            throw ApiException.badRequest("The request body is not valid JSON.");
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        return object;
    }

    public static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
