package coop.entraide.node;

import coop.entraide.node.config.NodeConfig;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/** What every capability of a running node shares. */
public record NodeContext(NodeConfig config, Vertx vertx, Pool pool, Clock clock) {
}
