package coop.entraide.node.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A member changing their own profile with {@code PATCH /api/v1/me}, and what is refused. */
class ProfileApiTest {
    private static final String PASSWORD = "une phrase de passe";
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("atelier", "L'Atelier", null, false)));
        for (String name : List.of("lina", "marc", "nour", "omar")) {
            node.await(node.identity().createMember(new NewMember(name, "atelier", null, null, Role.MEMBER, PASSWORD)));
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String token(String username) {
        HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(new JsonObject().put("username", username).put("password", PASSWORD).encode())));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    private static HttpResponse<String> patch(String token, JsonObject body) {
        var request = node.request("/api/v1/me").header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(body.encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return node.send(request);
    }

    private static JsonObject me(String token) {
        HttpResponse<String> r = node.get("/api/v1/me", "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static String uploadPhoto(String token) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> r = node.send(node.request("/api/v1/media").header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/png").POST(BodyPublishers.ofByteArray(out.toByteArray())));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("id");
    }

    private static JsonObject actorDocument(String username) {
        HttpResponse<String> r = node.get("/u/" + username, "Accept", "application/activity+json");
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void aMemberChangesTheirProfileAndSeesItEverywhere() {
        String token = token("lina");
        String photo = uploadPhoto(token);
        HttpResponse<String> r = patch(token, new JsonObject()
                .put("display_name", "  Lina B. ")
                .put("summary", "Je répare les vélos <b>gratuitement</b>.\n\nLe samedi.")
                .put("neighbourhood", "Les Capucins")
                .put("languages", new JsonArray().add("fr").add("ar").add("fr"))
                .put("avatar_media_id", photo)
                .put("avatar_alt", "Lina devant son atelier"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject me = me(token);
        assertEquals("Lina B.", me.getString("display_name"));
        assertEquals("<p>Je répare les vélos &lt;b&gt;gratuitement&lt;/b&gt;.</p><p>Le samedi.</p>",
                me.getString("summary_html").replace("\n", ""));
        assertTrue(me.getString("summary").contains("<b>gratuitement</b>"), me.getString("summary"));
        assertEquals("Les Capucins", me.getString("neighbourhood"));
        assertEquals(new JsonArray().add("fr").add("ar"), me.getJsonArray("languages"));
        String avatar = me.getString("avatar_url");
        assertTrue(avatar.startsWith(node.base() + "/media/"), avatar);

        JsonObject actor = actorDocument("lina");
        assertEquals("Lina B.", actor.getString("name"));
        assertTrue(actor.getString("summary").contains("&lt;b&gt;"), actor.getString("summary"));
        assertEquals("Lina devant son atelier", me.getString("avatar_alt"));
        assertEquals(photo, me.getString("avatar_media_id"));
        assertEquals(new JsonObject().put("type", "Image").put("url", avatar).put("name", "Lina devant son atelier"),
                actor.getJsonObject("icon"));

        assertEquals(200, patch(token, new JsonObject().put("display_name", "Lina").putNull("avatar_media_id")).statusCode());
        me = me(token);
        assertNull(me.getString("avatar_url"));
        assertEquals(new JsonArray(), me.getJsonArray("languages"));
        assertEquals("", me.getString("neighbourhood"));
        assertNull(actorDocument("lina").getValue("icon"));
    }

    @Test
    void eachWrongFieldIsReportedAndNothingIsWritten() {
        String token = token("marc");
        assertEquals(200, patch(token, new JsonObject().put("display_name", "Marc").put("neighbourhood", "Croix-Rousse")).statusCode());
        String othersPhoto = uploadPhoto(token("nour"));
        JsonObject good = new JsonObject().put("display_name", "Marc R.").put("summary", "Bonjour")
                .put("neighbourhood", "Vaise").put("languages", new JsonArray().add("en"));
        assertInvalid(token, good.copy().put("display_name", "   "), "display_name");
        assertInvalid(token, good.copy().put("display_name", "x".repeat(101)), "display_name");
        assertInvalid(token, good.copy().put("display_name", "a\nb"), "display_name");
        assertInvalid(token, withoutName(good), "display_name");
        assertInvalid(token, good.copy().put("summary", "s".repeat(501)), "summary");
        assertInvalid(token, good.copy().put("summary", 12), "summary");
        assertInvalid(token, good.copy().put("neighbourhood", "n".repeat(101)), "neighbourhood");
        assertInvalid(token, good.copy().put("languages", new JsonArray().add("klingon")), "languages");
        assertInvalid(token, good.copy().put("languages", "fr"), "languages");
        assertInvalid(token, good.copy().put("languages",
                new JsonArray().add("fr").add("en").add("es").add("de").add("it").add("pt")), "languages");
        assertInvalid(token, good.copy().put("avatar_media_id", "not-a-uuid").put("avatar_alt", "x"), "avatar_media_id");
        assertInvalid(token, good.copy().put("avatar_media_id", othersPhoto).put("avatar_alt", "Nour"), "avatar_media_id");
        assertInvalid(token, good.copy().put("avatar_media_id", uploadPhoto(token)).put("avatar_alt", " "), "avatar_alt");
        assertInvalid(token, good.copy().put("avatar_alt", "a".repeat(1501)), "avatar_alt");

        JsonObject me = me(token);
        assertEquals("Marc", me.getString("display_name"));
        assertEquals("Croix-Rousse", me.getString("neighbourhood"));
        assertEquals(new JsonArray(), me.getJsonArray("languages"));
    }

    private static JsonObject withoutName(JsonObject body) {
        JsonObject copy = body.copy();
        copy.remove("display_name");
        return copy;
    }

    private static void assertInvalid(String token, JsonObject body, String field) {
        HttpResponse<String> r = patch(token, body);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
        assertEquals(1, errors.size(), r.body());
        assertEquals(field, errors.getJsonObject(0).getString("field"), r.body());
    }

    @Test
    void anonymousCallersAreRefused() {
        HttpResponse<String> r = patch(null, new JsonObject().put("display_name", "Personne"));
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }
}
