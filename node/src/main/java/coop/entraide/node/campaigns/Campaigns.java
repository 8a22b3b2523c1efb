package coop.entraide.node.campaigns;

import coop.entraide.node.NodeContext;
import coop.entraide.node.Uris;
import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.federation.inbox.ActivityHandler;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The campaigns capability of a node, assembled: its services, its scheduler and its routes. */
public final class Campaigns {
    /** At most one progress Update per campaign in this interval (and always one at the close). */
    public static final Duration COALESCING = Duration.ofMinutes(5);
    /** How often the scheduler looks for campaigns to close and Updates to publish. */
    public static final Duration SWEEP_PERIOD = Duration.ofSeconds(30);

    private final CampaignService campaigns;
    private final PledgeService pledges;
    private final TaxReceipts receipts;
    private final CampaignScheduler scheduler;
    private final CampaignCore core;

    public Campaigns(Vertx vertx, Pool pool, Clock clock, Uris uris, CampaignPublications publications, Duration coalescing) {
        this.core = new CampaignCore(pool, clock, uris, publications, coalescing);
        this.campaigns = new CampaignService(core);
        this.receipts = new TaxReceipts(core, vertx);
        this.pledges = new PledgeService(core, receipts);
        this.scheduler = new CampaignScheduler(core);
    }

    /** For a running node; federation plugs in its publisher once it runs. */
    public static Campaigns of(NodeContext ctx, CampaignPublications publications) {
        return new Campaigns(ctx.vertx(), ctx.pool(), ctx.clock(), new Uris(ctx.config().baseUrl()), publications, COALESCING);
    }

    public CampaignService campaigns() {
        return campaigns;
    }

    public PledgeService pledges() {
        return pledges;
    }

    public TaxReceipts receipts() {
        return receipts;
    }

    public CampaignScheduler scheduler() {
        return scheduler;
    }

    /** The inbox handlers of pledges from other nodes: their {@code Offer} and its {@code Undo}. */
    public List<ActivityHandler> handlers() {
        return List.of(new PledgeOfferHandler(pledges), new PledgeUndoHandler(core, pledges));
    }

    public CampaignRoutes routes(Authenticator authenticator) {
        return new CampaignRoutes(this, authenticator);
    }

    public CampaignPages pages(FormGuard guard) {
        return new CampaignPages(this, guard);
    }

    CampaignCore core() {
        return core;
    }
}
