package coop.entraide.node.federation.fetch;

import coop.entraide.node.Blocking;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny HTTP server on a loopback address that counts the connections and requests it sees. */
public final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final String host;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private LoopbackServer(Vertx vertx, String host, Handler<HttpServerRequest> handler) {
        this.host = host;
        this.server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(30))
                .connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(req -> {
                    requests.incrementAndGet();
                    handler.handle(req);
                });
        Blocking.await(server.listen(0, host), 10, "starting a loopback server on " + host);
    }

    /** {@code host} must be a loopback address (127.0.0.0/8). */
    public static LoopbackServer start(Vertx vertx, String host, Handler<HttpServerRequest> handler) {
        if (!host.startsWith("127.")) {
            throw new IllegalArgumentException("tests only listen on loopback");
        }
        return new LoopbackServer(vertx, host, handler);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port} followed by {@code path}. */
    public java.net.URI uri(String path) {
        return java.net.URI.create("http://" + host + ":" + port() + path);
    }

    public int connections() {
        return connections.get();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        Blocking.await(server.close(), 10, "stopping a loopback server");
    }
}
