package coop.entraide.node.federation.fetch;

import coop.entraide.node.config.NodeConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.util.Objects;

/**
 * Outgoing HTTP for federation, safe by default. Every request:
 * <ul>
 *   <li>goes only to http or https URLs;</li>
 *   <li>resolves the host first and refuses it if <em>any</em> resolved address is not allowed by
 *       the {@link AddressPolicy} (loopback, private, link-local… unless the node allows private
 *       networks), then connects to exactly the address it checked, sending the original
 *       {@code Host} and TLS server name, so that a second DNS answer cannot rebind it;</li>
 *   <li>follows redirects itself, checking and signing every hop again;</li>
 *   <li>is bounded by {@link FetchLimits}: connect and read timeouts, an overall deadline, and a
 *       body size cut off while it streams in.</li>
 * </ul>
 * Connections are kept alive and reused (HTTP/1.1), at most {@code maxConnectionsPerHost} per
 * server address. Results are values ({@link FetchResult}); the returned future never fails.
 */
public final class SafeFetcher implements AutoCloseable {

    /**
     * How a fetcher behaves.
     *
     * @param maxConnectionsPerHost connections kept open to one server address
     * @param userAgent             sent on every request unless the request sets its own
     */
    public record Settings(AddressPolicy policy, HostResolver resolver, int maxConnectionsPerHost, String userAgent) {
        public Settings {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(resolver, "resolver");
            Objects.requireNonNull(userAgent, "userAgent");
            if (maxConnectionsPerHost < 1) {
                throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1");
            }
        }

        public Settings withPolicy(AddressPolicy newPolicy) {
            return new Settings(newPolicy, resolver, maxConnectionsPerHost, userAgent);
        }

        public Settings withResolver(HostResolver newResolver) {
            return new Settings(policy, newResolver, maxConnectionsPerHost, userAgent);
        }

        public Settings withMaxConnectionsPerHost(int n) {
            return new Settings(policy, resolver, n, userAgent);
        }
    }

    private final Vertx vertx;
    private final Settings settings;
    private final HttpClientAgent client;

    public SafeFetcher(Vertx vertx, Settings settings) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setPipelining(false)
                .setDecompressionSupported(false)
                .setVerifyHost(true)
                .setForceSni(true)
                .setMaxRedirects(0)
                .setName("entraide-federation");
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(settings.maxConnectionsPerHost())
                .setCleanerPeriod(1000);
        this.client = vertx.createHttpClient(options, pool);
    }

    /** The fetcher a node uses: public addresses only unless {@code --allow-private-network}. */
    public static SafeFetcher forNode(Vertx vertx, NodeConfig config) {
        return new SafeFetcher(vertx, defaults(vertx, config.allowPrivateNetwork(), "Entraide (+" + config.baseUrl() + ")"));
    }

    public static Settings defaults(Vertx vertx, boolean allowPrivateNetwork, String userAgent) {
        return new Settings(AddressPolicy.of(allowPrivateNetwork), HostResolver.system(vertx), 4, userAgent);
    }

    /**
     * Performs the request; the future always succeeds, with a {@link FetchResult}. Called from a
     * thread that is not Vert.x's (a test, a command), the exchange runs on a Vert.x context all the
     * same: its callbacks and the connection's events must come in one order, on one thread.
     */
    public Future<FetchResult> fetch(FetchRequest request) {
        if (Vertx.currentContext() != null) {
            return new Exchange(vertx, client, settings, request).run();
        }
        Promise<FetchResult> result = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> new Exchange(vertx, client, settings, request).run().onComplete(result));
        return result.future();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Closes the connection pool; for callers on an event loop. */
    public Future<Void> closeAsync() {
        return client.close();
    }
}
