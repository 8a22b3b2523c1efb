package coop.entraide.node.federation.policy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Optional;

/**
 * Changes the policies, for the command line and the admin API. Blocking a domain purges what the
 * node holds from it in the same transaction. Every process sees a change through
 * {@link DomainPolicies}, this one at once if it calls {@link DomainPolicies#refresh()}.
 */
public final class DomainPolicyEditor {
    private final Pool pool;
    private final DomainPurges purges;
    private final DomainPolicyStore store = new DomainPolicyStore();

    /** What a change did. */
    public record Change(DomainPolicy policy, Optional<Policy> previous, DomainPurges.Report purged) {
        public boolean created() {
            return previous.isEmpty();
        }
    }

    public DomainPolicyEditor(Pool pool, DomainPurges purges) {
        this.pool = pool;
        this.purges = purges;
    }

    /**
     * Sets the policy on a domain (and so on its subdomains). A null comment or note keeps the one
     * already stored.
     */
    public Future<Change> set(DomainName domain, Policy policy, String publicComment, String privateNote, String by) {
        return pool.withTransaction(tx -> store.upsert(tx, domain, policy, publicComment, privateNote, by)
                .compose(saved -> purgeIfBlocked(tx, saved)));
    }

    private Future<Change> purgeIfBlocked(SqlConnection tx, DomainPolicyStore.Saved saved) {
        if (saved.policy().policy() != Policy.BLOCK) {
            return Future.succeededFuture(new Change(saved.policy(), saved.previous(), DomainPurges.Report.none()));
        }
        return purges.run(tx, saved.policy().domain())
                .map(report -> new Change(saved.policy(), saved.previous(), report));
    }

    /** Removes the policy on exactly this domain; empty if there was none. */
    public Future<Optional<DomainPolicy>> remove(DomainName domain) {
        return store.delete(pool, domain);
    }

    public Future<Optional<DomainPolicy>> find(DomainName domain) {
        return store.find(pool, domain);
    }

    public Future<List<DomainPolicy>> list() {
        return store.all(pool);
    }

    public Future<FederationMode> mode() {
        return store.mode(pool);
    }

    public Future<Void> setMode(FederationMode mode) {
        return store.setMode(pool, mode);
    }
}
