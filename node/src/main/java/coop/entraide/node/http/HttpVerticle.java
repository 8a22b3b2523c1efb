package coop.entraide.node.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Supplier;

/**
 * One HTTP server instance on an event loop. The node deploys one per core; Vert.x balances
 * connections between them on the same port.
 */
public final class HttpVerticle extends VerticleBase {
    private final String host;
    private final int port;
    private final Supplier<List<Routes>> routes;
    private HttpServer server;

    public HttpVerticle(String host, int port, Supplier<List<Routes>> routes) {
        this.host = host;
        this.port = port;
        this.routes = routes;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff");
            ctx.next();
        });
        for (Routes r : routes.get()) {
            r.mount(router);
        }
        router.route().failureHandler(Problems::handle);
        router.errorHandler(404, Problems::handle);
        router.errorHandler(405, Problems::handle);
        router.errorHandler(406, Problems::handle);
        router.errorHandler(413, Problems::handle);
        router.errorHandler(415, Problems::handle);
        router.errorHandler(500, Problems::handle);
        HttpServerOptions options = new HttpServerOptions()
                .setCompressionSupported(true)
                .setIdleTimeout(120)
                .setMaxHeaderSize(16 * 1024)
                .setMaxInitialLineLength(8 * 1024);
        return vertx.createHttpServer(options)
                .requestHandler(router)
                .listen(port, host)
                .onSuccess(s -> server = s);
    }

    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
