package coop.entraide.node.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the node's JSON API, written by
 * hand beside the code. A test compares it with the routes the node mounts, so that it stays true.
 */
public final class ApiDocsRoutes implements Routes {
    public static final String PATH = "/api/openapi.json";
    /** The document on the classpath. */
    public static final String RESOURCE = "openapi/openapi.json";

    private final Buffer document;

    public ApiDocsRoutes() {
        this.document = Buffer.buffer(load());
    }

    /** The document's bytes, as served. */
    public static byte[] load() {
        try (InputStream in = ApiDocsRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API description is missing from the classpath: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void mount(Router router) {
        router.get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(document);
    }
}
