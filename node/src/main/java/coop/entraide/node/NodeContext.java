package coop.entraide.node;

import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.federation.Federation;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * What every capability of a running node shares.
 *
 * @param federation delivery queue, remote actors, activity handler registry and signers
 */
public record NodeContext(NodeConfig config, Vertx vertx, Pool pool, Clock clock, Federation federation) {
}
