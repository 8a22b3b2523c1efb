package coop.entraide.node.federation.inbox;

import coop.entraide.node.Blocking;
import coop.entraide.node.Uris;
import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.federation.actors.DocumentFetcher;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.federation.policy.InboxRateLimiter;
import coop.entraide.node.federation.policy.SignerHost;
import coop.entraide.node.federation.signing.LocalSigners;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.IdentityService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;

/**
 * The receiving half of federation, assembled: the inbox routes (with their rate limiter), the
 * authenticator and its key lookups, the store, the rejection counters and the worker.
 */
public final class Inbox {
    /** Inserts of accepted activities running at once; the rows arriving meanwhile go together after. */
    private static final int INSERT_WRITERS = 4;
    private static final int INSERT_MAX_ROWS = 256;
    private final Pool pool;
    private final Clock clock;
    private final Uris uris;
    private final DomainPolicies policies;
    private final LocalSigners signers;
    private final ActivityHandlers handlers;
    private final InboxSettings settings;
    private final InboxStore store = new InboxStore();
    private final InboxAuthenticator authenticator;
    private final InboxRateLimiter limiter;
    private final SignatureRejections rejections;
    private final InboxHandOff handOff;
    private final InboxWorker worker;
    private final Runnable afterApplied;
    private String workerDeployment;

    public Inbox(NodeConfig config, Vertx vertx, Pool pool, Clock clock, Uris uris, DomainPolicies policies,
                 RemoteActors actors, DocumentFetcher documents, LocalSigners signers, ActivityHandlers handlers,
                 InboxSettings settings, Runnable afterApplied) {
        this.afterApplied = afterApplied;
        this.pool = pool;
        this.clock = clock;
        this.uris = uris;
        this.policies = policies;
        this.signers = signers;
        this.handlers = handlers;
        this.settings = settings;
        this.authenticator = new InboxAuthenticator(new SignerKeys(actors, documents), actors, clock);
        this.limiter = InboxRateLimiter.fromConfig(config, clock, SignerHost::of);
        this.rejections = new SignatureRejections(vertx, pool, clock, Duration.ofSeconds(1));
        // Room for two full rounds of batches: enough to keep the worker busy, small enough that
        // what waits in memory is applied long before its lease runs out.
        this.handOff = new InboxHandOff(pool, store, clock, settings.lease(),
                2 * settings.batchSize() * settings.parallelBatches());
        this.worker = newWorker(settings, handOff);
    }

    public Routes routes(IdentityService identity) {
        return new InboxRoutes(uris, identity, policies, limiter, authenticator,
                new InboxBatcher(pool, store, clock, INSERT_WRITERS, INSERT_MAX_ROWS), rejections, signers, worker::wake, handOff);
    }

    /**
     * Another worker on the same database, as a second process would run (for tests and tools): it
     * claims from the table only, nothing is handed to it in memory.
     */
    public InboxWorker newWorker(InboxSettings workerSettings) {
        return newWorker(workerSettings, null);
    }

    /** A worker that also takes what is handed over to {@code workerHandOff}; null for one that only claims. */
    InboxWorker newWorker(InboxSettings workerSettings, InboxHandOff workerHandOff) {
        return new InboxWorker(pool, store, handlers, policies, workerSettings, clock, afterApplied, workerHandOff);
    }

    /** Where this process's inboxes hand what they store to its worker. */
    InboxHandOff handOff() {
        return handOff;
    }

    public InboxStore store() {
        return store;
    }

    public SignatureRejections rejections() {
        return rejections;
    }

    public InboxSettings settings() {
        return settings;
    }

    public void startWorker(Vertx vertx) {
        workerDeployment = Blocking.await(vertx.deployVerticle(worker), 30, "starting the inbox worker");
    }

    public void close(Vertx vertx) {
        if (workerDeployment != null) {
            Blocking.await(vertx.undeploy(workerDeployment), 30, "stopping the inbox worker");
            workerDeployment = null;
        }
        rejections.close();
        Blocking.await(rejections.flush(), 10, "recording signature rejections");
    }
}
