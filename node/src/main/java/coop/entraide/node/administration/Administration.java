package coop.entraide.node.administration;

import coop.entraide.node.NodeContext;
import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.federation.health.FederationHealthRoutes;
import coop.entraide.node.federation.health.QueueSnapshots;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.federation.policy.DomainPolicyEditor;
import coop.entraide.node.federation.policy.DomainPurges;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.membership.MembershipRoutes;
import coop.entraide.node.membership.MembershipService;
import coop.entraide.node.membership.RegistrationRoutes;
import coop.entraide.node.moderation.ModerationRoutes;
import coop.entraide.node.moderation.ModerationService;
import coop.entraide.node.notifications.NotificationRoutes;
import coop.entraide.node.settings.NodeSettings;
import coop.entraide.node.settings.SettingsRoutes;
import java.util.List;

/**
 * Running the node, assembled: membership (invitations, sign-ups, roles, suspensions), the
 * moderation queue and its audit log, the node's settings, federation health and members'
 * notifications.
 */
public final class Administration {
    private Administration() {
    }

    public static List<Routes> routes(NodeContext ctx, Authenticator authenticator, IdentityService identity,
                                      DomainPolicies policies, SocialContext social) {
        NodeSettings settings = new NodeSettings(identity.uris().authority());
        MembershipService membership = new MembershipService(ctx.vertx(), ctx.pool(), ctx.clock(), identity, settings,
                new PasswordHasher());
        ModerationService moderation = new ModerationService(ctx.pool(), social, membership,
                new DomainPolicyEditor(ctx.pool(), DomainPurges.standard()), policies);
        return List.of(
                new RegistrationRoutes(membership, authenticator),
                new MembershipRoutes(membership, authenticator.moderators()),
                new ModerationRoutes(moderation, authenticator, authenticator.moderators()),
                new SettingsRoutes(ctx.pool(), settings, identity, authenticator.administrators()),
                new FederationHealthRoutes(ctx.pool(), ctx.clock(), ctx.federation().deliveries(),
                        authenticator.administrators()),
                new NotificationRoutes(ctx.pool(), authenticator));
    }

    /** Records the delivery queue's counts every minute, for the federation health chart. */
    public static AutoCloseable startSnapshots(NodeContext ctx) {
        return new QueueSnapshots().start(ctx.vertx(), ctx.pool(), ctx.clock());
    }
}
