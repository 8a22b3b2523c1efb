package coop.entraide.node.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.cli.Main;
import coop.entraide.node.identity.Member;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoSeederTest {
    static TestNode node;
    static final DemoNeighbourhood CAPUCINS = DemoNeighbourhood.both().get(0);

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void seedsTheCollectiveAndMembersOnceEvenWhenRunTwice() {
        DemoSeeder seeder = new DemoSeeder(node.node().context());
        node.await(seeder.seed(CAPUCINS));
        node.await(seeder.seed(CAPUCINS));

        assertEquals(1, node.await(node.identity().collectives()).size());
        var members = node.await(node.identity().members(Optional.of(CAPUCINS.collective())));
        assertEquals(CAPUCINS.members().size(), members.size());
        assertTrue(members.stream().map(Member::username).toList().containsAll(
                CAPUCINS.members().stream().map(DemoNeighbourhood.Person::username).toList()));
    }

    @Test
    void everyPrintedLoginSignsIn() {
        node.await(new DemoSeeder(node.node().context()).seed(CAPUCINS));
        for (DemoNeighbourhood.Person p : CAPUCINS.members()) {
            HttpResponse<String> r = node.send(node.request("/api/v1/sessions")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                            .put("username", p.username()).put("password", p.password()).encode())));
            assertEquals(201, r.statusCode(), p.username() + ": " + r.body());
            assertEquals(p.role().name().toLowerCase(java.util.Locale.ROOT),
                    new JsonObject(r.body()).getJsonObject("member").getString("role"));
        }
    }

    @Test
    void theDemoNeedsTwoDifferentPorts() {
        for (String ports : new String[] {"8080", "8080,8080", "8080,8081,8082"}) {
            StringWriter err = new StringWriter();
            int code = Main.run(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), "demo", "--ports", ports);
            assertEquals(2, code, ports);
            assertTrue(err.toString().startsWith("entraide: --ports: "), err.toString());
        }
    }
}
