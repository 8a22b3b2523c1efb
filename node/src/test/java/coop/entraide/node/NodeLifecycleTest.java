package coop.entraide.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.config.ConfigException;
import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.config.Settings;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting a real node on embedded PostgreSQL. */
class NodeLifecycleTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static NodeConfig config(Path dataDir, int port, String databaseUrl) {
        return Settings.parse(null, "127.0.0.1", port, dataDir.toString(), databaseUrl, true);
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHealthAndKeepsItsDataAcrossARestart(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (Node node = Node.start(config(dir, port, null))) {
            assertEquals(port, node.port());
            HttpResponse<String> health = get(URI.create("http://127.0.0.1:" + port + "/health"));
            assertEquals(200, health.statusCode());
            assertEquals("ok", new JsonObject(health.body()).getJsonObject("checks").getString("database"));
            Blocking.await(node.context().pool().preparedQuery(
                    "INSERT INTO node_settings (key, value) VALUES ($1, $2)")
                    .execute(Tuple.of("restart-check", "kept")), 10, "insert");
            assertTrue(Files.exists(dir.resolve("database.url")), "admin commands find the running database here");
        }
        assertTrue(Files.notExists(dir.resolve("database.url")), "removed on a clean stop");
        try (Node again = Node.start(config(dir, port, null))) {
            String kept = Blocking.await(again.context().pool().preparedQuery(
                    "SELECT value #>> '{}' FROM node_settings WHERE key = $1").execute(Tuple.of("restart-check")), 10, "select")
                    .iterator().next().getString(0);
            assertEquals("kept", kept);
        }
    }

    @Test
    void unknownPathsAnswerAProblemDocument(@TempDir Path dir) throws Exception {
        try (Node node = Node.start(config(dir, freePort(), null))) {
            HttpResponse<String> r = get(URI.create("http://127.0.0.1:" + node.port() + "/no/such/thing"));
            assertEquals(404, r.statusCode());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            JsonObject problem = new JsonObject(r.body());
            assertEquals(404, problem.getInteger("status"));
            assertEquals("/no/such/thing", problem.getString("instance"));
        }
    }

    @Test
    void aWrongMethodIsAProblemDocumentToo(@TempDir Path dir) throws Exception {
        try (Node node = Node.start(config(dir, freePort(), null))) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/health"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals(405, new JsonObject(r.body()).getInteger("status"));
        }
    }

    @Test
    void aSecondNodeOnTheSameDataDirectoryStopsAtOnce(@TempDir Path dir) throws Exception {
        try (Node first = Node.start(config(dir, freePort(), null))) {
            long started = System.nanoTime();
            ConfigException e = assertThrows(ConfigException.class, () -> Node.start(config(dir, freePort(), null)));
            assertEquals("--data-dir", e.setting());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "fails fast");
            assertEquals(200, get(URI.create("http://127.0.0.1:" + first.port() + "/health")).statusCode(),
                    "the first node is untouched");
        }
    }

    @Test
    void aPortInUseIsNamedAndReleasesEverything(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Node.start(config(dir, taken.getLocalPort(), null)));
            assertEquals("--port", e.setting());
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
        }
        // The failed start released the data directory and stopped its database.
        try (Node node = Node.start(config(dir, freePort(), null))) {
            assertEquals(200, get(URI.create("http://127.0.0.1:" + node.port() + "/health")).statusCode());
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword(@TempDir Path dir) throws Exception {
        int closedPort = freePort();
        ConfigException e = assertThrows(ConfigException.class, () -> Node.start(
                config(dir, freePort(), "postgres://entraide:s3cret@127.0.0.1:" + closedPort + "/entraide")));
        assertEquals("--database-url", e.setting());
        assertTrue(e.getMessage().contains("cannot reach the database"), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cret"), "the password is never shown: " + e.getMessage());
    }
}
