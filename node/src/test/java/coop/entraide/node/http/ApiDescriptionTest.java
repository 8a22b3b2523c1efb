package coop.entraide.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OpenAPI document and the routes the node really mounts describe the same API:
 * every operation under /api/v1 and /health is documented, and every documented one exists.
 */
class ApiDescriptionTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final List<String> DOCUMENTED_PREFIXES = List.of("/api/", "/health");
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** "GET /api/v1/admin/domain-policies/{domain}" for every route with methods and a plain path. */
    private static Set<String> mountedOperations() {
        Router router = Router.router(node.node().context().vertx());
        node.node().routes().forEach(r -> r.mount(router));
        Set<String> operations = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            Set<HttpMethod> methods = route.methods();
            if (path == null || methods == null || methods.isEmpty() || path.endsWith("*")) {
                continue; // guards and body handlers that stand before the real routes
            }
            if (DOCUMENTED_PREFIXES.stream().noneMatch(path::startsWith)) {
                continue;
            }
            String openApiPath = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            methods.forEach(m -> operations.add(m.name() + " " + openApiPath));
        }
        return operations;
    }

    private static JsonObject document() {
        return new JsonObject(new String(ApiDocsRoutes.load(), StandardCharsets.UTF_8));
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        JsonObject paths = document().getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String key : paths.getJsonObject(path).fieldNames()) {
                if (HTTP_METHODS.contains(key)) {
                    operations.add(key.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    @Test
    void everyMountedApiRouteIsDocumentedAndNothingElse() {
        Set<String> mounted = mountedOperations();
        assertTrue(mounted.contains("GET /api/v1/me"), mounted.toString());
        assertTrue(mounted.contains("PUT /api/v1/admin/domain-policies/{domain}"), mounted.toString());
        Set<String> undocumented = new TreeSet<>(mounted);
        undocumented.removeAll(documentedOperations());
        assertEquals(Set.of(), undocumented, "mounted but missing from " + ApiDocsRoutes.RESOURCE);
        Set<String> imaginary = new TreeSet<>(documentedOperations());
        imaginary.removeAll(mounted);
        assertEquals(Set.of(), imaginary, "documented but not mounted");
    }

    @Test
    void everyOperationHasAnIdResponsesAndResolvableReferences() {
        JsonObject doc = document();
        assertTrue(doc.getString("openapi").startsWith("3.1."));
        Set<String> ids = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (!HTTP_METHODS.contains(method)) {
                    continue;
                }
                JsonObject op = item.getJsonObject(method);
                String id = op.getString("operationId");
                assertTrue(id != null && ids.add(id), "unique operationId for " + method + " " + path);
                assertFalse(op.getJsonObject("responses").isEmpty(), method + " " + path);
            }
        }
        String text = doc.encode();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(text);
        while (refs.find()) {
            Object target = doc;
            for (String part : refs.group(1).split("/")) {
                target = target instanceof JsonObject o ? o.getValue(part) : null;
            }
            assertTrue(target instanceof JsonObject, "unresolved $ref #/" + refs.group(1));
        }
    }
}
