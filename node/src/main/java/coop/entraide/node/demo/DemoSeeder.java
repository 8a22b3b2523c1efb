package coop.entraide.node.demo;

import coop.entraide.node.NodeContext;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.store.NodeSettingsRepository;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Puts a demo neighbourhood's collective, members and settings into a node. Idempotent: a demo
 * restarted on the same data keeps what it had and adds only what is missing.
 */
public final class DemoSeeder {
    private static final String CONTENT_SEEDED = "demo_content_seeded";

    private final NodeContext ctx;
    private final IdentityService identity;
    private final NodeSettingsRepository settings = new NodeSettingsRepository();

    public DemoSeeder(NodeContext ctx) {
        this.ctx = ctx;
        this.identity = IdentityService.of(ctx);
    }

    public Future<Void> seed(DemoNeighbourhood n) {
        return settings.put(ctx.pool(), NodeSettingsRepository.NODE_NAME, n.nodeName())
                .compose(v -> settings.put(ctx.pool(), NodeSettingsRepository.NODE_DESCRIPTION, n.nodeDescription()))
                .compose(v -> ensureCollective(n))
                .compose(v -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (DemoNeighbourhood.Person p : n.members()) {
                        chain = chain.compose(x -> ensureMember(n, p));
                    }
                    return chain;
                });
    }

    /**
     * Creates the demo's sample content through the two nodes' APIs, once per demo: the first
     * node's settings remember that it was done, so a restarted demo does not post twice.
     */
    public static void contentOnce(NodeContext first, java.net.URI a, java.net.URI b, java.io.PrintWriter out) {
        NodeSettingsRepository settings = new NodeSettingsRepository();
        boolean done = coop.entraide.node.Blocking.await(settings.get(first.pool(), CONTENT_SEEDED), 30, "reading the demo state")
                .isPresent();
        if (done) {
            return;
        }
        out.println("Creating the demo's sample content (follows, news, offers, a campaign)…");
        out.flush();
        new DemoContent(out).create(a, b);
        coop.entraide.node.Blocking.await(settings.put(first.pool(), CONTENT_SEEDED, true), 30, "recording the demo state");
    }

    private Future<Void> ensureCollective(DemoNeighbourhood n) {
        return ifAbsent(identity.collective(n.collective()), () -> identity.createCollective(
                new IdentityService.NewCollective(n.collective(), n.collectiveName(), n.collectiveSummary(), false)));
    }

    private Future<Void> ensureMember(DemoNeighbourhood n, DemoNeighbourhood.Person p) {
        return ifAbsent(identity.member(p.username()), () -> identity.createMember(new IdentityService.NewMember(
                p.username(), n.collective(), p.displayName(), p.summary(), p.role(), p.password())));
    }

    private static <T> Future<Void> ifAbsent(Future<T> lookup, java.util.function.Supplier<Future<?>> create) {
        return lookup.map(Optional::of)
                .recover(e -> e instanceof NotFoundException ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e))
                .compose(found -> found.isPresent() ? Future.<Void>succeededFuture() : create.get().mapEmpty());
    }
}
