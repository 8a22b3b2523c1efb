package coop.entraide.node;

import coop.entraide.node.config.ConfigException;
import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.accounts.AccountRoutes;
import coop.entraide.node.campaigns.CampaignFederation;
import coop.entraide.node.campaigns.RemoteCampaignRoutes;
import coop.entraide.node.campaigns.RemoteCampaigns;
import coop.entraide.node.campaigns.SentPledgeAnswerHandler;
import coop.entraide.node.campaigns.SentPledgeUpdateHandler;
import coop.entraide.node.administration.Administration;
import coop.entraide.node.campaigns.Campaigns;
import coop.entraide.node.campaigns.FormGuard;
import coop.entraide.node.discovery.DiscoveryRoutes;
import coop.entraide.node.discovery.NodeInfoRoutes;
import coop.entraide.node.federation.Federation;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.federation.policy.DomainPolicyEditor;
import coop.entraide.node.federation.policy.DomainPolicyRoutes;
import coop.entraide.node.federation.policy.DomainPurges;
import coop.entraide.node.health.HealthRoutes;
import coop.entraide.node.http.ApiDocsRoutes;
import coop.entraide.node.http.HttpVerticle;
import coop.entraide.node.http.JsonApi;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.ActorRoutes;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.federation.social.SocialFederation;
import coop.entraide.node.posts.PostRoutes;
import coop.entraide.node.posts.PostService;
import coop.entraide.node.media.MediaRoutes;
import coop.entraide.node.offers.OfferPages;
import coop.entraide.node.offers.OfferActivityHandler;
import coop.entraide.node.offers.OfferAnswerHandler;
import coop.entraide.node.offers.OfferFederation;
import coop.entraide.node.offers.OfferResponseHandler;
import coop.entraide.node.offers.RemoteOffers;
import coop.entraide.node.offers.OfferRoutes;
import coop.entraide.node.offers.OfferService;
import coop.entraide.node.offers.OfferSweeper;
import coop.entraide.node.store.DatabaseAccess;
import coop.entraide.node.store.Storage;
import coop.entraide.node.webapp.WebAppRoutes;
import coop.entraide.ui.UiBundle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Entraide node: its lock on the data directory, its database (embedded or external),
 * its Vert.x instance and HTTP servers. {@link #start} blocks until the node serves or has failed
 * cleanly; {@link #close} stops everything in reverse order.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final List<AutoCloseable> resources;
    private final NodeContext context;
    private final int port;
    private final List<Routes> routes;

    private Node(NodeConfig config, List<AutoCloseable> resources, NodeContext context, int port, List<Routes> routes) {
        this.config = config;
        this.resources = resources;
        this.context = context;
        this.port = port;
        this.routes = routes;
    }

    /** Starts a node; on any failure, releases what was already started and throws. */
    public static Node start(NodeConfig config) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            if (config.databaseUrl().isEmpty()) {
                LOG.info("starting the embedded PostgreSQL in {}", config.dataDir().resolve("postgres"));
            }
            DatabaseAccess database = DatabaseAccess.own(config);
            resources.add(database);
            URI dbUrl = database.url();
            Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
            resources.add(() -> Blocking.await(vertx.close(), 30, "stopping"));
            Pool pool = Storage.openMigrated(vertx, dbUrl, 16);
            resources.add(() -> Blocking.await(pool.close(), 10, "closing the database pool"));
            Clock clock = Clock.systemUTC();
            Blocking.await(new IdentityService(vertx, pool, new Uris(config.baseUrl()), new PasswordHasher()).prepareNode(),
                    60, "creating the instance actor");
            DomainPolicies policies = Blocking.await(DomainPolicies.start(vertx, pool, DomainPolicies.DEFAULT_POLL),
                    30, "loading the domain policies");
            resources.add(policies);
            Federation federation = Federation.start(config, vertx, pool, clock, policies);
            resources.add(federation);
            NodeContext context = new NodeContext(config, vertx, pool, clock, federation);
            SocialFederation social = SocialFederation.create(context);
            Campaigns campaigns = Campaigns.of(context, new CampaignFederation(social.context()));
            RemoteCampaigns remoteCampaigns = new RemoteCampaigns(pool, social.context());
            FormGuard forms = Blocking.await(FormGuard.load(pool, config.baseUrl().toString()), 30, "loading the form secret");
            resources.add(campaigns.scheduler().start(vertx, Campaigns.SWEEP_PERIOD));
            OfferService offers = new OfferService(pool, context.clock(), new Uris(config.baseUrl()),
                    new OfferFederation(social.context()));
            RemoteOffers remoteOffers = new RemoteOffers(offers);
            // Before the social handlers: offers are claimed here, and what is not an offer is theirs.
            federation.handlers()
                    .register(new OfferActivityHandler(remoteOffers, social.context()))
                    .register(new OfferResponseHandler(remoteOffers))
                    .register(new OfferAnswerHandler(remoteOffers))
                    .register(new SentPledgeAnswerHandler(remoteCampaigns))
                    .register(new SentPledgeUpdateHandler(remoteCampaigns));
            campaigns.handlers().forEach(federation.handlers()::register);
            social.registerHandlers();
            resources.add(new OfferSweeper(vertx, offers, OfferSweeper.DEFAULT_REMINDER_LEAD)
                    .start(OfferSweeper.DEFAULT_INTERVAL));
            resources.add(Administration.startSnapshots(context));
            List<Routes> routes = routes(context, policies, social, campaigns, remoteCampaigns, forms, offers);
            int port = listen(context, routes);
            // Once every capability has registered its activity handlers (above) and its routes serve.
            federation.startWorkers();
            Node node = new Node(config, resources, context, port, routes);
            LOG.info("Entraide node serving {} on {}:{}", config.baseUrl(), config.bind(), port);
            return node;
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Every capability's routes, in the order they are mounted. */
    private static List<Routes> routes(NodeContext ctx, DomainPolicies policies, SocialFederation social,
                                       Campaigns campaigns, RemoteCampaigns remoteCampaigns, FormGuard forms,
                                       OfferService offers) {
        IdentityService identity = IdentityService.of(ctx);
        AccountRoutes accounts = AccountRoutes.of(ctx, social.context());
        List<Routes> routes = new ArrayList<>(List.of(
                new HealthRoutes(ctx.pool()),
                ctx.federation().inboxRoutes(identity),
                new DiscoveryRoutes(identity),
                new NodeInfoRoutes(ctx.pool(), identity.uris()),
                new ActorRoutes(identity, social.collections()),
                new OfferPages(offers),
                // Before JsonApi: photo uploads are larger than its limit for JSON bodies.
                new MediaRoutes(ctx.vertx(), ctx.pool(), identity.uris(), accounts.authenticator(),
                        ctx.config().dataDir()),
                new JsonApi(),
                accounts,
                new OfferRoutes(offers, accounts.authenticator()),
                campaigns.routes(accounts.authenticator()),
                campaigns.pages(forms),
                new RemoteCampaignRoutes(remoteCampaigns, accounts.authenticator()),
                new DomainPolicyRoutes(policies, new DomainPolicyEditor(ctx.pool(), DomainPurges.standard()),
                        accounts.authenticator().administrators())));
        routes.addAll(social.routes(accounts.authenticator()));
        routes.add(new PostRoutes(new PostService(ctx.pool(), social.context()), accounts.authenticator(),
                identity.uris().authority()));
        routes.addAll(Administration.routes(ctx, accounts.authenticator(), identity, policies, social.context()));
        routes.add(new ApiDocsRoutes());
        routes.add(new WebAppRoutes(UiBundle.load()));
        return List.copyOf(routes);
    }

    private static int listen(NodeContext ctx, List<Routes> routes) {
        NodeConfig config = ctx.config();
        // Port 0 means "any free port": only one server can share it, so use one instance then.
        int instances = config.port() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        HttpVerticle[] first = new HttpVerticle[1];
        try {
            Blocking.await(ctx.vertx().deployVerticle(() -> {
                HttpVerticle v = new HttpVerticle(config.bind(), config.port(), () -> routes);
                if (first[0] == null) {
                    first[0] = v;
                }
                return v;
            }, new DeploymentOptions().setInstances(instances)), 30, "starting the HTTP server");
        } catch (RuntimeException e) {
            if (Blocking.hasCause(e, BindException.class)) {
                throw new ConfigException("--port", "cannot listen on " + config.bind() + ":" + config.port()
                        + " (" + Blocking.rootMessage(e) + "); is another program using it?", e);
            }
            throw e;
        }
        return config.port() == 0 ? first[0].actualPort() : config.port();
    }

    public NodeConfig config() {
        return config;
    }

    public NodeContext context() {
        return context;
    }

    /** What the HTTP server mounts, in order; for checks such as "every API route is documented". */
    public List<Routes> routes() {
        return routes;
    }

    /** The port the HTTP server actually listens on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.getMessage());
            }
        }
        resources.clear();
    }
}
