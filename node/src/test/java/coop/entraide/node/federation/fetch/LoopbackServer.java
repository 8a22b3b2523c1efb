package coop.entraide.node.federation.fetch;

import coop.entraide.node.Blocking;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on a loopback address that counts the connections and requests it sees.
 *
 * <p>On a machine shared with other test runs, a port this server is given may have belonged a
 * moment ago to another process's server, and that process's clients (a delivery worker retrying,
 * a browser) may still knock on it. {@link #only(String)} makes the server count, and serve, only
 * the requests of one client, named by its {@code User-Agent}; the others are answered 421 and
 * ignored, so that counts stay exact.
 */
public final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final String host;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<HttpConnection> counted = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile String onlyUserAgent;

    private LoopbackServer(Vertx vertx, String host, Handler<HttpServerRequest> handler) {
        this.host = host;
        this.server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(30))
                .connectionHandler(c -> {
                    if (onlyUserAgent == null) {
                        connections.incrementAndGet();
                    }
                })
                .requestHandler(req -> {
                    String only = onlyUserAgent;
                    if (only != null) {
                        if (!only.equals(req.getHeader("User-Agent"))) {
                            req.response().setStatusCode(421).end();
                            return;
                        }
                        if (counted.add(req.connection())) {
                            connections.incrementAndGet();
                        }
                    }
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

    /**
     * Serves and counts only requests with this {@code User-Agent}; a connection counts once one
     * of them arrives on it. Call before any request is sent.
     */
    public LoopbackServer only(String userAgent) {
        this.onlyUserAgent = userAgent;
        return this;
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
