package coop.entraide.node;

import coop.entraide.node.cli.Main;
import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.config.RateLimit;
import coop.entraide.node.config.Settings;
import coop.entraide.node.identity.IdentityService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real node for tests: embedded PostgreSQL in a temporary data directory, HTTP on a free
 * loopback port, base URL {@code http://localhost:<port>}. Starting one costs a few seconds, so
 * test classes share one per class. A class may hold it in a static {@code @RegisterExtension}
 * field, which closes it after the class's last test.
 */
public final class TestNode implements AutoCloseable, AfterAllCallback {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final Path dataDir;
    private final int port;
    private final String inboxRate;
    private final String inboxIpRate;
    private final URI databaseUrl;
    private final String baseUrl;
    private Node node;

    private TestNode(Path dataDir, int port, String inboxRate, String inboxIpRate, URI databaseUrl, String baseUrl) {
        this.dataDir = dataDir;
        this.port = port;
        this.inboxRate = inboxRate;
        this.inboxIpRate = inboxIpRate;
        this.databaseUrl = databaseUrl;
        this.baseUrl = baseUrl == null ? "http://localhost:" + port : baseUrl;
        this.node = Node.start(config());
    }

    public static TestNode start() {
        return start(RateLimit.DEFAULT_INBOX.toString(), RateLimit.DEFAULT_INBOX_IP.toString());
    }

    /** With these inbox rate limits ({@code RATE:BURST} or {@code off}). */
    public static TestNode start(String inboxRate, String inboxIpRate) {
        return start(inboxRate, inboxIpRate, null, null);
    }

    /**
     * A node on a database that outlives it ({@code postgres://…}), which it migrates and prepares
     * as any node does.
     */
    public static TestNode onDatabase(URI databaseUrl) {
        return start(RateLimit.DEFAULT_INBOX.toString(), RateLimit.DEFAULT_INBOX_IP.toString(), databaseUrl, null);
    }

    /**
     * Another process of the same node, as when several serve one site: the other's database and
     * public base URL, its own data directory and port. The other must run on {@link #onDatabase}.
     */
    public static TestNode sharing(TestNode other) {
        if (other.databaseUrl == null) {
            throw new IllegalArgumentException("the other node must run on an outside database");
        }
        return start(RateLimit.DEFAULT_INBOX.toString(), RateLimit.DEFAULT_INBOX_IP.toString(), other.databaseUrl,
                other.base());
    }

    private static TestNode start(String inboxRate, String inboxIpRate, URI databaseUrl, String baseUrl) {
        // A free port found now may be taken by another program before the node binds it (builds
        // share this machine): pick another one a few times before giving up.
        for (int attempt = 1; ; attempt++) {
            try {
                return new TestNode(Files.createTempDirectory("entraide-test-"), freePort(), inboxRate, inboxIpRate,
                        databaseUrl, baseUrl);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (coop.entraide.node.config.ConfigException e) {
                if (!e.setting().equals("--port") || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private NodeConfig config() {
        return Settings.parse(baseUrl, "127.0.0.1", port, dataDir.toString(),
                databaseUrl == null ? null : databaseUrl.toString(), true, inboxRate, inboxIpRate);
    }

    public int port() {
        return port;
    }

    /** Stops the node and starts it again on the same data directory and port. */
    public void restart() {
        node.close();
        node = Node.start(config());
    }

    public Node node() {
        return node;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The public base URL, as ids are minted. */
    public String base() {
        return baseUrl;
    }

    public String authority() {
        return URI.create(baseUrl).getRawAuthority();
    }

    public IdentityService identity() {
        return IdentityService.of(node.context());
    }

    public <T> T await(Future<T> future) {
        return Blocking.await(future, 60, "test step");
    }

    /** A request to this node's loopback address for a path such as {@code /actor}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder r = request(path).GET();
        if (headers.length > 0) {
            r.headers(headers);
        }
        return send(r);
    }

    /**
     * The statements of the node's database sessions that have sat in an open transaction for
     * more than 300 ms: none should while the node waits for another server.
     */
    public java.util.List<String> longIdleTransactions() {
        java.util.List<String> found = new java.util.ArrayList<>();
        await(node.context().pool().query("""
                SELECT query FROM pg_stat_activity
                WHERE datname = current_database() AND state LIKE 'idle in transaction%'
                  AND state_change < now() - interval '300 milliseconds'""").execute())
                .forEach(r -> found.add(r.getString("query")));
        return found;
    }

    /** Signs in through the API, which must answer 201, and returns the new session's bearer token. */
    public String sessionToken(String username, String password) {
        HttpResponse<String> r = send(request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("username", username).put("password", password).encode())));
        if (r.statusCode() != 201) {
            throw new AssertionError("signing in as " + username + " answered " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body()).getString("token");
    }

    /** What an {@code entraide} command printed and returned. */
    public record CliResult(int exitCode, String out, String err) {
    }

    /** Runs {@code entraide ARGS --data-dir <this node's>} in this JVM. */
    public CliResult cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new CliResult(code, out.toString(), err.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
            node = null;
        }
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
