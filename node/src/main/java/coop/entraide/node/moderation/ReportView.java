package coop.entraide.node.moderation;

import coop.entraide.protocol.html.Sanitizer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A report as moderators read it: who reported, whom, which objects and their content (HTML
 * sanitised again on the way out, and as plain text), and what became of it.
 */
record ReportView(long id, String state, String comment, OffsetDateTime createdAt, OffsetDateTime resolvedAt,
                  String resolvedBy, Optional<Party> reporter, Optional<Party> target, List<String> objectUris,
                  List<ReportedObject> objects) {

    static final int MAX_TEXT = 5000;

    /** An actor named by a report. {@code domain} is empty for ours; role and suspension are for our members. */
    record Party(long id, String uri, String username, String domain, String displayName, String type,
                 String memberRole, OffsetDateTime suspendedAt) {
        boolean local() {
            return domain.isEmpty();
        }

        String handle(String authority) {
            return (username == null ? "?" : username) + "@" + (local() ? authority : domain);
        }

        JsonObject toJson(String authority) {
            JsonObject json = new JsonObject()
                    .put("uri", uri)
                    .put("handle", handle(authority))
                    .put("display_name", displayName)
                    .put("type", type)
                    .put("local", local())
                    .put("domain", local() ? authority : domain);
            if (memberRole != null) {
                json.put("member", new JsonObject().put("role", memberRole).put("suspended", suspendedAt != null));
            }
            return json;
        }
    }

    /** A reported object as this node holds it. */
    record ReportedObject(long id, String uri, long authorId, String authorHandle, boolean local, String name,
                          String contentHtml, String url, OffsetDateTime publishedAt, OffsetDateTime hiddenAt,
                          OffsetDateTime deletedAt) {
        JsonObject toJson() {
            String safe = Sanitizer.sanitize(contentHtml == null ? "" : contentHtml);
            return new JsonObject()
                    .put("uri", uri)
                    .put("found", true)
                    .put("local", local)
                    .put("author", authorHandle)
                    .put("name", name)
                    .put("content_html", safe)
                    .put("content_text", Sanitizer.toPlainText(safe, MAX_TEXT))
                    .put("url", url)
                    .put("published_at", publishedAt == null ? null : publishedAt.toInstant().toString())
                    .put("hidden", hiddenAt != null)
                    .put("deleted", deletedAt != null);
        }
    }

    static final String SELECT = """
            SELECT r.id, r.state, r.comment, r.object_uris, r.created_at, r.resolved_at, rb.username AS resolved_by,
                   rep.id AS reporter_id, rep.uri AS reporter_uri, rep.username AS reporter_username,
                   rep.domain AS reporter_domain, rep.display_name AS reporter_name, rep.type AS reporter_type,
                   rm.role AS reporter_role, rm.suspended_at AS reporter_suspended_at,
                   t.id AS target_id, t.uri AS target_uri, t.username AS target_username, t.domain AS target_domain,
                   t.display_name AS target_name, t.type AS target_type,
                   tm.role AS target_role, tm.suspended_at AS target_suspended_at
            FROM reports r
            LEFT JOIN actors rep ON rep.id = r.reporter_id
            LEFT JOIN members rm ON rm.actor_id = rep.id
            LEFT JOIN actors t ON t.id = r.target_actor_id
            LEFT JOIN members tm ON tm.actor_id = t.id
            LEFT JOIN actors rb ON rb.id = r.resolved_by
            """;

    static ReportView fromRow(Row row, List<ReportedObject> objects) {
        return new ReportView(row.getLong("id"), row.getString("state"), row.getString("comment"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("resolved_at"), row.getString("resolved_by"),
                party(row, "reporter"), party(row, "target"), Arrays.asList(row.getArrayOfStrings("object_uris")),
                objects);
    }

    private static Optional<Party> party(Row row, String prefix) {
        Long id = row.getLong(prefix + "_id");
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new Party(id, row.getString(prefix + "_uri"), row.getString(prefix + "_username"),
                row.getString(prefix + "_domain"), row.getString(prefix + "_name"), row.getString(prefix + "_type"),
                row.getString(prefix + "_role"), row.getOffsetDateTime(prefix + "_suspended_at")));
    }

    /** Whether a member of this node or another server sent it. */
    String origin() {
        return reporter.map(r -> r.local() ? "member" : "remote").orElse("unknown");
    }

    JsonObject toJson(String authority) {
        JsonArray objectsJson = new JsonArray();
        for (String uri : objectUris) {
            objectsJson.add(objects.stream().filter(o -> o.uri().equals(uri)).findFirst()
                    .map(ReportedObject::toJson)
                    .orElseGet(() -> new JsonObject().put("uri", uri).put("found", false)));
        }
        return new JsonObject()
                .put("id", id)
                .put("state", state)
                .put("origin", origin())
                .put("comment", comment)
                .put("created_at", createdAt.toInstant().toString())
                .put("resolved_at", resolvedAt == null ? null : resolvedAt.toInstant().toString())
                .put("resolved_by", resolvedBy)
                .put("reporter", reporter.map(p -> p.toJson(authority)).orElse(null))
                .put("target", target.map(p -> p.toJson(authority)).orElse(null))
                .put("objects", objectsJson);
    }
}
