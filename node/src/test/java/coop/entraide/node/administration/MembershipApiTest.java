package coop.entraide.node.administration;

import static coop.entraide.node.administration.StaffApi.PASSWORD;
import static coop.entraide.node.administration.StaffApi.fieldsInError;
import static coop.entraide.node.administration.StaffApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invitations, joining, approving sign-ups, roles and suspensions, over HTTP on a real node. */
class MembershipApiTest {
    @RegisterExtension
    static final StaffApi api = StaffApi.start();

    private static JsonObject settings(String registrations) {
        return new JsonObject().put("name", "Les Capucins").put("description", "").put("rules", "")
                .put("default_tip_percent", 5).put("languages", new JsonArray().add("fr"))
                .put("registrations", registrations);
    }

    private static JsonObject registration(String username) {
        return new JsonObject().put("username", username).put("display_name", "Dora").put("password", PASSWORD);
    }

    private static List<String> auditActions() {
        JsonArray entries = json(200, api.get("mo", "/api/v1/admin/audit-log")).getJsonArray("entries");
        return entries.stream().map(e -> ((JsonObject) e).getString("action")).toList();
    }

    @Test
    void staffRoutesRefuseAnonymousCallersAndMembers() {
        for (String path : List.of("/api/v1/admin/members", "/api/v1/admin/invitations", "/api/v1/admin/sign-ups")) {
            assertEquals(401, api.get(null, path).statusCode(), path);
            assertEquals(403, api.get("bruno", path).statusCode(), path);
            assertEquals(200, api.get("mo", path).statusCode(), path);
        }
        assertEquals(403, api.post("bruno", "/api/v1/admin/invitations", new JsonObject()).statusCode());
        assertEquals(403, api.put("bruno", "/api/v1/admin/members/chloe/role", new JsonObject().put("role", "admin")).statusCode());
    }

    @Test
    void anInvitationLinkMakesAMemberOnceThenIsSpent() {
        JsonObject invited = json(201, api.post("mo", "/api/v1/admin/invitations", new JsonObject().put("expires_in_days", 3)));
        String token = invited.getString("token");
        assertTrue(invited.getString("url").endsWith("/app/sign-up?invitation=" + token), invited.encode());
        assertEquals("member", invited.getString("role"));
        assertEquals("open", invited.getString("state"));
        assertEquals(0, api.sql("SELECT 1 FROM invitations WHERE token_sha256::text LIKE $1", "%" + token + "%").size(),
                "the token itself is not stored");

        JsonObject offered = json(200, api.get(null, "/api/v1/invitations/" + token));
        assertEquals("capucins", offered.getString("collective"));
        assertEquals(404, api.get(null, "/api/v1/invitations/" + "x".repeat(43)).statusCode());
        assertEquals(404, api.get(null, "/api/v1/invitations/short").statusCode());

        assertEquals(409, api.post(null, "/api/v1/registrations", registration("bruno").put("invitation", token)).statusCode(),
                "a taken name");
        assertEquals(List.of("username", "password"), fieldsInError(api.post(null, "/api/v1/registrations",
                new JsonObject().put("username", "Not Valid").put("password", "short").put("invitation", token))));

        JsonObject joined = json(201, api.post(null, "/api/v1/registrations", registration("dora").put("invitation", token)));
        assertEquals("active", joined.getString("state"));
        assertEquals("capucins", joined.getJsonObject("member").getString("collective"));
        assertFalse(api.node.sessionToken("dora", PASSWORD).isEmpty(), "the new member signs in");

        assertEquals(410, api.get(null, "/api/v1/invitations/" + token).statusCode(), "used");
        assertEquals(410, api.post(null, "/api/v1/registrations", registration("dora2").put("invitation", token)).statusCode());
        JsonObject listed = json(200, api.get("alice", "/api/v1/admin/invitations")).getJsonArray("invitations").stream()
                .map(JsonObject.class::cast).filter(i -> i.getLong("id").equals(invited.getLong("id"))).findFirst().orElseThrow();
        assertEquals("used", listed.getString("state"));
        assertEquals("dora", listed.getString("used_by"));
        assertTrue(auditActions().contains("invitation_created"));
    }

    @Test
    void onlyAdministratorsInviteStaffAndInvitationsCanBeRevoked() {
        assertEquals(403, api.post("mo", "/api/v1/admin/invitations", new JsonObject().put("role", "moderator")).statusCode());
        assertEquals(List.of("role", "expires_in_days"), fieldsInError(api.post("alice", "/api/v1/admin/invitations",
                new JsonObject().put("role", "king").put("expires_in_days", 90))));
        assertEquals(404, api.post("alice", "/api/v1/admin/invitations", new JsonObject().put("collective", "nowhere")).statusCode());
        JsonObject invited = json(201, api.post("alice", "/api/v1/admin/invitations", new JsonObject().put("role", "moderator")));
        assertEquals("moderator", invited.getString("role"));

        assertEquals(204, api.delete("mo", "/api/v1/admin/invitations/" + invited.getLong("id")).statusCode());
        assertEquals(409, api.delete("mo", "/api/v1/admin/invitations/" + invited.getLong("id")).statusCode());
        assertEquals(404, api.delete("mo", "/api/v1/admin/invitations/999999").statusCode());
        assertEquals(404, api.get(null, "/api/v1/invitations/" + invited.getString("token")).statusCode(), "revoked");
        assertEquals(404, api.post(null, "/api/v1/registrations",
                registration("eve").put("invitation", invited.getString("token"))).statusCode());
    }

    @Test
    void anExpiredInvitationIsGone() {
        JsonObject invited = json(201, api.post("alice", "/api/v1/admin/invitations", new JsonObject()));
        api.sql("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", invited.getLong("id"));
        assertEquals(410, api.get(null, "/api/v1/invitations/" + invited.getString("token")).statusCode());
        assertEquals(410, api.post(null, "/api/v1/registrations",
                registration("fanny").put("invitation", invited.getString("token"))).statusCode());
    }

    @Test
    void registrationsFollowTheNodeSetting() {
        json(200, api.put("alice", "/api/v1/admin/settings", settings("closed")));
        assertEquals(403, api.post(null, "/api/v1/registrations", registration("gaspard")).statusCode());

        json(200, api.put("alice", "/api/v1/admin/settings", settings("approval")));
        JsonObject pending = json(202, api.post(null, "/api/v1/registrations", registration("gaspard").put("reason", "Voisin du 12")));
        assertEquals("pending", pending.getString("state"));
        assertEquals(409, api.post(null, "/api/v1/registrations", registration("gaspard")).statusCode(), "asked already");
        assertEquals(401, api.post(null, "/api/v1/sessions", new JsonObject().put("username", "gaspard").put("password", PASSWORD))
                .statusCode(), "not a member yet");
        assertEquals(422, api.post(null, "/api/v1/registrations", registration("hugo").put("collective", "nowhere")).statusCode());
        json(202, api.post(null, "/api/v1/registrations", registration("hugo")));

        JsonArray signUps = json(200, api.get("mo", "/api/v1/admin/sign-ups")).getJsonArray("sign_ups");
        JsonObject gaspard = signUps.stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("username").equals("gaspard")).findFirst().orElseThrow();
        assertEquals("Voisin du 12", gaspard.getString("reason"));
        assertFalse(gaspard.containsKey("password_hash"));
        JsonObject hugo = signUps.stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("username").equals("hugo")).findFirst().orElseThrow();

        JsonObject approved = json(201, api.post("mo", "/api/v1/admin/sign-ups/" + gaspard.getLong("id") + "/approve", null));
        assertEquals("gaspard", approved.getString("username"));
        assertFalse(api.node.sessionToken("gaspard", PASSWORD).isEmpty(), "the password given at sign-up works");
        assertEquals(409, api.post("mo", "/api/v1/admin/sign-ups/" + gaspard.getLong("id") + "/approve", null).statusCode());
        assertEquals(404, api.post("mo", "/api/v1/admin/sign-ups/999999/approve", null).statusCode());

        JsonObject rejected = json(200, api.post("mo", "/api/v1/admin/sign-ups/" + hugo.getLong("id") + "/reject",
                new JsonObject().put("reason", "inconnu")));
        assertEquals("rejected", rejected.getString("state"));
        assertTrue(auditActions().containsAll(List.of("sign_up_approved", "sign_up_rejected")));

        json(200, api.put("alice", "/api/v1/admin/settings", settings("open")));
        assertEquals("active", json(201, api.post(null, "/api/v1/registrations", registration("ines"))).getString("state"));
        json(200, api.put("alice", "/api/v1/admin/settings", settings("closed")));
    }

    @Test
    void aRegistrationFromAnotherSiteIsRefused() {
        HttpResponse<String> r = api.node.send(api.node.request("/api/v1/registrations")
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(registration("jules").encode())));
        assertEquals(403, r.statusCode(), r.body());
    }

    @Test
    void onlyAdministratorsChangeRolesAndTheLastAdministratorStays() {
        api.member("karim", Role.MEMBER);
        assertEquals(403, api.put("mo", "/api/v1/admin/members/karim/role", new JsonObject().put("role", "moderator")).statusCode());
        assertEquals(List.of("role"), fieldsInError(api.put("alice", "/api/v1/admin/members/karim/role", new JsonObject().put("role", "boss"))));
        assertEquals(404, api.put("alice", "/api/v1/admin/members/nobody/role", new JsonObject().put("role", "member")).statusCode());
        assertEquals("moderator", json(200, api.put("alice", "/api/v1/admin/members/karim/role",
                new JsonObject().put("role", "moderator"))).getString("role"));
        assertEquals(409, api.put("alice", "/api/v1/admin/members/alice/role", new JsonObject().put("role", "member")).statusCode(),
                "the last administrator cannot step down");
        json(200, api.put("alice", "/api/v1/admin/members/karim/role", new JsonObject().put("role", "admin")));
        assertEquals("member", json(200, api.put("alice", "/api/v1/admin/members/karim/role",
                new JsonObject().put("role", "member"))).getString("role"), "with two administrators, one may go");
        assertTrue(auditActions().contains("role_changed"));
        JsonObject karim = json(200, api.get("mo", "/api/v1/admin/members")).getJsonArray("members").stream()
                .map(JsonObject.class::cast).filter(m -> m.getString("username").equals("karim")).findFirst().orElseThrow();
        assertEquals("member", karim.getString("role"));
    }

    @Test
    void aSuspensionEndsSessionsAndIsLiftedByStaff() {
        String session = api.newMemberSession("lea");
        assertEquals(200, api.node.get("/api/v1/me", "Authorization", "Bearer " + session).statusCode());

        assertEquals(409, api.post("mo", "/api/v1/admin/members/mo/suspension", null).statusCode(), "not oneself");
        assertEquals(403, api.post("mo", "/api/v1/admin/members/alice/suspension", null).statusCode(), "staff: administrators only");
        assertEquals(404, api.post("mo", "/api/v1/admin/members/nobody/suspension", null).statusCode());
        assertEquals(List.of("reason"), fieldsInError(api.post("mo", "/api/v1/admin/members/lea/suspension",
                new JsonObject().put("reason", 42))));
        JsonObject suspended = json(200, api.post("mo", "/api/v1/admin/members/lea/suspension",
                new JsonObject().put("reason", "spam")));
        assertTrue(suspended.getBoolean("suspended"));
        assertEquals(401, api.node.get("/api/v1/me", "Authorization", "Bearer " + session).statusCode(), "signed out");
        assertEquals(403, api.post(null, "/api/v1/sessions", new JsonObject().put("username", "lea").put("password", PASSWORD))
                .statusCode());
        assertEquals(409, api.post("mo", "/api/v1/admin/members/lea/suspension", null).statusCode(), "already");

        JsonObject entry = json(200, api.get("alice", "/api/v1/admin/audit-log")).getJsonArray("entries").getJsonObject(0);
        assertEquals("member_suspended", entry.getString("action"));
        assertEquals("lea", entry.getString("target"));
        assertEquals("mo", entry.getString("by"));
        assertEquals("spam", entry.getString("reason"));

        assertFalse(json(200, api.delete("mo", "/api/v1/admin/members/lea/suspension")).getBoolean("suspended"));
        assertEquals(409, api.delete("mo", "/api/v1/admin/members/lea/suspension").statusCode(), "not suspended");
        assertNotEquals("", api.node.sessionToken("lea", PASSWORD));
    }

    @Test
    void theAuditLogCannotBeRewritten() {
        json(201, api.post("alice", "/api/v1/admin/invitations", new JsonObject()));
        RuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> api.sql("UPDATE moderation_audit SET reason = 'nothing happened'"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertThrowsOnDelete();
    }

    private static void assertThrowsOnDelete() {
        RuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> api.sql("DELETE FROM moderation_audit"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }
}
