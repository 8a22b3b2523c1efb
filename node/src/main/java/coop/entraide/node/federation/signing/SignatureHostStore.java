package coop.entraide.node.federation.signing;

import coop.entraide.protocol.sig.Ed25519HostFact;
import coop.entraide.protocol.sig.Ed25519HostFact.Forgotten;
import coop.entraide.protocol.sig.Ed25519HostFact.Refused;
import coop.entraide.protocol.sig.Ed25519HostFact.Verifies;
import coop.entraide.protocol.sig.Ed25519Hosts.Ed25519Request;
import coop.entraide.protocol.sig.NegotiatingSigner.HostSchemes;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.rfc9421.ComponentIdentifier;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for {@code signature_hosts}: what other servers' answers and signatures taught us, one row per
 * host. The ed25519 columns and the scheme columns are written apart, each only by the change that
 * concerns it. Rows map through {@link #fromRow}, which never fails: a value it cannot read is
 * left out and described in {@link StoredHost#unreadable()}.
 */
final class SignatureHostStore {
    static final String VERIFIES = "verifies";
    static final String REFUSED = "refused";
    static final String FORGOTTEN = "forgotten";
    static final String NO_SCHEME = "none";

    /** Rows changed this recently are read again by every poll: a write may commit after a later one. */
    static final Duration LATE_COMMITS = Duration.ofSeconds(10);
    /** How long a row that tells nothing any more is kept, for other processes to read the forgetting. */
    static final Duration FORGETTING_KEPT = Duration.ofDays(1);

    private static final String COLUMNS = """
            host, ed25519, ed25519_label, ed25519_components, ed25519_refused_until,
            scheme_accepted, schemes_rejected, change""";

    /**
     * One stored row, as far as it could be read: each part is empty when absent or unreadable,
     * and {@code unreadable} says what could not be read.
     */
    record StoredHost(String host, Optional<Ed25519HostFact> ed25519, Optional<HostSchemes> schemes, long change,
                      List<String> unreadable) {
    }

    /** The most recently changed rows, newest first, at most {@code limit}. */
    Future<List<StoredHost>> latest(SqlClient db, int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + """
                         FROM signature_hosts
                        ORDER BY changed_at DESC, change DESC
                        LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(SignatureHostStore::toList);
    }

    /**
     * Rows other writers changed after {@code change}, and those changed in the last
     * {@link #LATE_COMMITS} whatever their number, oldest change first.
     */
    Future<List<StoredHost>> changedSince(SqlClient db, long change, String writer, int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + """
                         FROM signature_hosts
                        WHERE (change > $1 OR changed_at > now() - make_interval(secs => $4))
                          AND written_by <> $2
                        ORDER BY change
                        LIMIT $3""")
                .execute(Tuple.of(change, writer, limit, (double) LATE_COMMITS.toSeconds()))
                .map(SignatureHostStore::toList);
    }

    /** Writes the ed25519 standing of each host (hosts in order, so that two writers never deadlock). */
    Future<Void> writeEd25519(SqlClient db, List<Ed25519HostFact> facts, String writer) {
        List<Ed25519HostFact> sorted = new ArrayList<>(facts);
        sorted.sort(Comparator.comparing(Ed25519HostFact::host));
        int n = sorted.size();
        String[] hosts = new String[n];
        String[] standings = new String[n];
        String[] labels = new String[n];
        String[] components = new String[n];
        OffsetDateTime[] until = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Ed25519HostFact fact = sorted.get(i);
            hosts[i] = fact.host();
            if (fact instanceof Verifies v) {
                standings[i] = VERIFIES;
                labels[i] = v.request().label();
                components[i] = componentNames(v.request().components());
            } else if (fact instanceof Refused r) {
                standings[i] = REFUSED;
                until[i] = r.until().atOffset(ZoneOffset.UTC);
            } else {
                standings[i] = FORGOTTEN;
            }
        }
        return db.preparedQuery("""
                        INSERT INTO signature_hosts AS s (host, ed25519, ed25519_label, ed25519_components,
                                                          ed25519_refused_until, written_by)
                        SELECT t.host, t.standing, t.label, t.components, t.until, $6
                          FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                               AS t (host, standing, label, components, until)
                        ON CONFLICT (host) DO UPDATE
                           SET ed25519 = EXCLUDED.ed25519, ed25519_label = EXCLUDED.ed25519_label,
                               ed25519_components = EXCLUDED.ed25519_components,
                               ed25519_refused_until = EXCLUDED.ed25519_refused_until,
                               written_by = EXCLUDED.written_by,
                               change = nextval('signature_hosts_change'), changed_at = now()""")
                .execute(Tuple.of(hosts, standings, labels, components, until, writer))
                .mapEmpty();
    }

    /** Writes which schemes each host accepted and refused. */
    Future<Void> writeSchemes(SqlClient db, List<HostSchemes> all, String writer) {
        List<HostSchemes> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(HostSchemes::host));
        int n = sorted.size();
        String[] hosts = new String[n];
        String[] accepted = new String[n];
        String[] rejected = new String[n];
        for (int i = 0; i < n; i++) {
            HostSchemes s = sorted.get(i);
            hosts[i] = s.host();
            accepted[i] = s.accepted().map(SignatureScheme::id).orElse(NO_SCHEME);
            rejected[i] = String.join(" ", s.rejected().stream().sorted().map(SignatureScheme::id).toList());
        }
        return db.preparedQuery("""
                        INSERT INTO signature_hosts AS s (host, scheme_accepted, schemes_rejected, written_by)
                        SELECT t.host, t.accepted, t.rejected, $4
                          FROM unnest($1::text[], $2::text[], $3::text[]) AS t (host, accepted, rejected)
                        ON CONFLICT (host) DO UPDATE
                           SET scheme_accepted = EXCLUDED.scheme_accepted, schemes_rejected = EXCLUDED.schemes_rejected,
                               written_by = EXCLUDED.written_by,
                               change = nextval('signature_hosts_change'), changed_at = now()""")
                .execute(Tuple.of(hosts, accepted, rejected, writer))
                .mapEmpty();
    }

    /**
     * Keeps the table bounded: removes rows beyond the {@code capacity} most recently changed, and
     * rows that tell nothing any more (forgotten, refusal over, no scheme known) after
     * {@link #FORGETTING_KEPT}.
     *
     * @return how many rows were removed
     */
    Future<Integer> prune(SqlClient db, int capacity) {
        return db.preparedQuery("""
                        DELETE FROM signature_hosts
                         WHERE host IN (SELECT host FROM signature_hosts ORDER BY changed_at DESC, change DESC OFFSET $1)
                            OR (changed_at < now() - make_interval(secs => $2)
                                AND (ed25519 IS NULL OR ed25519 = 'forgotten'
                                     OR ed25519 = 'refused' AND ed25519_refused_until < now())
                                AND coalesce(scheme_accepted, 'none') = 'none'
                                AND coalesce(schemes_rejected, '') = '')""")
                .execute(Tuple.of(capacity, (double) FORGETTING_KEPT.toSeconds()))
                .map(RowSet::rowCount);
    }

    private static List<StoredHost> toList(RowSet<Row> rows) {
        List<StoredHost> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(fromRow(r)));
        return out;
    }

    static StoredHost fromRow(Row row) {
        String host = row.getString("host");
        List<String> unreadable = new ArrayList<>(0);
        return new StoredHost(host, ed25519(row, unreadable), schemes(host, row, unreadable), row.getLong("change"),
                unreadable);
    }

    private static Optional<Ed25519HostFact> ed25519(Row row, List<String> unreadable) {
        String host = row.getString("host");
        String standing = row.getString("ed25519");
        if (standing == null) {
            return Optional.empty();
        }
        switch (standing) {
            case VERIFIES -> {
                String label = row.getString("ed25519_label");
                Optional<List<ComponentIdentifier>> components = components(row.getString("ed25519_components"));
                if (label == null || components.isEmpty()) {
                    return unreadable(unreadable, "ed25519 request", label + " " + row.getString("ed25519_components"));
                }
                return Optional.of(new Verifies(host, new Ed25519Request(label, components.get())));
            }
            case REFUSED -> {
                OffsetDateTime until = row.getOffsetDateTime("ed25519_refused_until");
                return until == null ? unreadable(unreadable, "ed25519 refusal", "no time")
                        : Optional.of(new Refused(host, until.toInstant()));
            }
            case FORGOTTEN -> {
                return Optional.of(new Forgotten(host));
            }
            default -> {
                return unreadable(unreadable, "ed25519 standing", standing);
            }
        }
    }

    private static Optional<HostSchemes> schemes(String host, Row row, List<String> unreadable) {
        String accepted = row.getString("scheme_accepted");
        if (accepted == null) {
            return Optional.empty();
        }
        Optional<SignatureScheme> acceptedScheme = Optional.empty();
        if (!accepted.equals(NO_SCHEME)) {
            acceptedScheme = SignatureScheme.byId(accepted);
            if (acceptedScheme.isEmpty()) {
                return unreadable(unreadable, "accepted scheme", accepted);
            }
        }
        Set<SignatureScheme> rejected = EnumSet.noneOf(SignatureScheme.class);
        String rejectedNames = row.getString("schemes_rejected");
        for (String name : rejectedNames == null ? new String[0] : rejectedNames.trim().split(" +")) {
            if (name.isEmpty()) {
                continue;
            }
            Optional<SignatureScheme> scheme = SignatureScheme.byId(name);
            if (scheme.isEmpty()) {
                return unreadable(unreadable, "rejected schemes", rejectedNames);
            }
            rejected.add(scheme.get());
        }
        return Optional.of(new HostSchemes(host, acceptedScheme, rejected));
    }

    private static <T> Optional<T> unreadable(List<String> unreadable, String what, String value) {
        unreadable.add(what + " (" + value + ")");
        return Optional.empty();
    }

    private static String componentNames(List<ComponentIdentifier> components) {
        return String.join(" ", components.stream().map(ComponentIdentifier::name).toList());
    }

    /** Plain names only: {@code Ed25519Hosts} never learns components with parameters. */
    private static Optional<List<ComponentIdentifier>> components(String names) {
        if (names == null) {
            return Optional.empty();
        }
        List<ComponentIdentifier> out = new ArrayList<>();
        for (String name : names.trim().split(" +")) {
            if (name.isEmpty()) {
                continue;
            }
            try {
                out.add(ComponentIdentifier.of(name));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }
}
