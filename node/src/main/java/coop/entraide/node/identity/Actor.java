package coop.entraide.node.identity;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * An actor as stored: ours or a cached remote one. Holds public material only; private keys live
 * in {@link ActorKeyRepository} and are never part of this record.
 *
 * @param domain  empty for local actors, the remote authority otherwise
 * @param summary   HTML, as in the ActivityStreams document
 * @param avatarUrl the public URL of the photo that stands for a local actor, or null
 * @param avatarAlt what that photo shows, for people who cannot see it
 */
public record Actor(
        long id,
        String uri,
        ActorType type,
        String username,
        String domain,
        String displayName,
        String summary,
        String url,
        String inbox,
        String outbox,
        String sharedInbox,
        String followers,
        String following,
        String publicKeyId,
        String publicKeyPem,
        String multikeyId,
        String publicKeyMultibase,
        boolean manuallyApprovesFollowers,
        boolean discoverable,
        OffsetDateTime createdAt,
        String avatarUrl,
        String avatarAlt) {

    /** The columns {@link #fromRow} reads, for queries that join other tables. */
    public static final String COLUMNS = """
            a.id, a.uri, a.type, a.username, a.domain, a.display_name, a.summary, a.url, a.inbox_uri,
            a.outbox_uri, a.shared_inbox_uri, a.followers_uri, a.following_uri, a.public_key_id,
            a.public_key_pem, a.multikey_id, a.public_key_multibase, a.manually_approves_followers,
            a.discoverable, a.created_at, a.avatar_url, a.avatar_alt""";

    public boolean local() {
        return domain.isEmpty();
    }

    public static Actor fromRow(Row row) {
        return new Actor(
                row.getLong("id"),
                row.getString("uri"),
                ActorType.fromAsName(row.getString("type")).orElseThrow(),
                row.getString("username"),
                row.getString("domain"),
                row.getString("display_name"),
                row.getString("summary"),
                row.getString("url"),
                row.getString("inbox_uri"),
                row.getString("outbox_uri"),
                row.getString("shared_inbox_uri"),
                row.getString("followers_uri"),
                row.getString("following_uri"),
                row.getString("public_key_id"),
                row.getString("public_key_pem"),
                row.getString("multikey_id"),
                row.getString("public_key_multibase"),
                row.getBoolean("manually_approves_followers"),
                row.getBoolean("discoverable"),
                row.getOffsetDateTime("created_at"),
                row.getColumnIndex("avatar_url") >= 0 ? row.getString("avatar_url") : null,
                row.getColumnIndex("avatar_alt") >= 0 ? row.getString("avatar_alt") : null);
    }
}
