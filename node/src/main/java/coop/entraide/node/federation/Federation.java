package coop.entraide.node.federation;

import coop.entraide.node.Blocking;
import coop.entraide.node.Uris;
import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.federation.actors.ActorActivityHandler;
import coop.entraide.node.federation.actors.DocumentFetcher;
import coop.entraide.node.federation.actors.RemoteActorService;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.federation.actors.WebFingerClient;
import coop.entraide.node.federation.delivery.DeliveryQueue;
import coop.entraide.node.federation.delivery.DeliverySettings;
import coop.entraide.node.federation.delivery.DeliveryWorker;
import coop.entraide.node.federation.delivery.LeaseOwner;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.node.federation.inbox.ActivityHandlers;
import coop.entraide.node.federation.inbox.Inbox;
import coop.entraide.node.federation.inbox.InboxSettings;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.federation.signing.LocalKeys;
import coop.entraide.node.federation.signing.LocalSigners;
import coop.entraide.node.federation.signing.SignatureMemory;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.IdentityService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Objects;

/**
 * What the node's capabilities use to federate, built once per node and reached through
 * {@code NodeContext.federation()}:
 * <ul>
 *   <li>{@link #deliveries()} and {@link #wake()}: enqueue an outgoing activity inside the
 *       transaction that produces it, then wake the delivery worker once it has committed:
 *       <pre>{@code pool.withTransaction(tx -> follows.add(tx, f)
 *         .compose(x -> federation.deliveries().enqueue(tx, activity, recipients)))
 *     .onSuccess(x -> federation.wake());}</pre></li>
 *   <li>{@link #actors()}: remote actors, fetched and cached; handles through WebFinger;</li>
 *   <li>{@link #handlers()}: where a capability registers the {@code ActivityHandler}s for the
 *       activities it understands, while the node builds its routes (the inbox worker starts
 *       after that);</li>
 *   <li>{@link #signers()}: local actors' keys, for signing requests and object proofs.</li>
 * </ul>
 * The delivery and inbox workers are deployed by {@link #startWorkers()} and stopped by {@link #close()}.
 */
public final class Federation implements AutoCloseable {
    private final Vertx vertx;
    private final Pool pool;
    private final SafeFetcher fetcher;
    private final LocalSigners signers;
    private final SignatureMemory signatureMemory;
    private final RemoteActorService actors;
    private final ActivityHandlers handlers;
    private final DeliveryQueue deliveries;
    private final DeliveryWorker deliveryWorker;
    private final DomainPolicies policies;
    private final Inbox inbox;
    private String deliveryDeployment;

    private Federation(Vertx vertx, Pool pool, SafeFetcher fetcher, LocalSigners signers, SignatureMemory signatureMemory,
                       RemoteActorService actors, ActivityHandlers handlers, DeliveryQueue deliveries,
                       DeliveryWorker deliveryWorker, DomainPolicies policies, Inbox inbox) {
        this.vertx = vertx;
        this.pool = pool;
        this.fetcher = fetcher;
        this.signers = signers;
        this.signatureMemory = signatureMemory;
        this.actors = actors;
        this.handlers = handlers;
        this.deliveries = deliveries;
        this.deliveryWorker = deliveryWorker;
        this.policies = policies;
        this.inbox = inbox;
    }

    /**
     * Builds the federation of a starting node; blocks (the node's start-up thread only). The
     * instance actor must exist.
     */
    public static Federation start(NodeConfig config, Vertx vertx, Pool pool, Clock clock, DomainPolicies policies) {
        Objects.requireNonNull(policies, "policies");
        Uris uris = new Uris(config.baseUrl());
        SafeFetcher fetcher = SafeFetcher.forNode(vertx, config);
        SignatureMemory signatureMemory = new SignatureMemory(vertx, pool, SignatureMemory.Settings.DEFAULT);
        try {
            LocalKeys keys = new LocalKeys(vertx, pool, LocalKeys.DEFAULT_CAPACITY);
            LocalSigners signers = Blocking.await(LocalSigners.start(keys, uris, clock, signatureMemory), 30,
                    "loading the instance actor's key and what other servers' signatures taught us");
            DocumentFetcher documents = new DocumentFetcher(fetcher, signers::instanceActor);
            WebFingerClient webFinger = new WebFingerClient(fetcher, config.allowPrivateNetwork(), config.baseUrl().getScheme());
            RemoteActorService actors = new RemoteActorService(pool, uris, documents, webFinger, policies, clock,
                    RemoteActorService.DEFAULT_MAX_AGE);
            ActivityHandlers handlers = new ActivityHandlers().register(new ActorActivityHandler(actors));
            DeliveryQueue deliveries = new DeliveryQueue(clock, DeliverySettings.DEFAULT);
            DeliveryWorker deliveryWorker = new DeliveryWorker(pool, deliveries, fetcher, signers, DeliverySettings.DEFAULT, clock,
                    LeaseOwner.forDataDir(config.dataDir()));
            Inbox inbox = new Inbox(config, vertx, pool, clock, uris, policies, actors, documents, signers, handlers,
                    InboxSettings.DEFAULT, deliveryWorker::wake);
            return new Federation(vertx, pool, fetcher, signers, signatureMemory, actors, handlers, deliveries, deliveryWorker,
                    policies, inbox);
        } catch (RuntimeException e) {
            signatureMemory.close();
            fetcher.close();
            throw e;
        }
    }

    /** Deploys the delivery and inbox workers; call once the capabilities registered their handlers. */
    public void startWorkers() {
        deliveryDeployment = Blocking.await(vertx.deployVerticle(deliveryWorker), 30, "starting the delivery worker");
        inbox.startWorker(vertx);
    }

    public DeliveryQueue deliveries() {
        return deliveries;
    }

    /** Asks the delivery worker to send what was just enqueued (call after the commit). */
    public void wake() {
        deliveryWorker.wake();
    }

    public RemoteActors actors() {
        return actors;
    }

    public ActivityHandlers handlers() {
        return handlers;
    }

    public LocalSigners signers() {
        return signers;
    }

    public SafeFetcher fetcher() {
        return fetcher;
    }

    public DomainPolicies policies() {
        return policies;
    }

    public Inbox inbox() {
        return inbox;
    }

    /** The inboxes' routes, rate limits included. */
    public Routes inboxRoutes(IdentityService identity) {
        return inbox.routes(identity);
    }

    @Override
    public void close() {
        inbox.close(vertx);
        if (deliveryDeployment != null) {
            Blocking.await(vertx.undeploy(deliveryDeployment), 30, "stopping the delivery worker");
            deliveryDeployment = null;
        }
        signatureMemory.close();
        fetcher.close();
    }
}
