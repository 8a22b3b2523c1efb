package coop.entraide.node.identity;

import io.vertx.sqlclient.Row;

/** A collective hosted on this node: its Group actor and how many members it has. */
public record Collective(Actor actor, long memberCount) {
    public long id() {
        return actor.id();
    }

    public String username() {
        return actor.username();
    }

    static Collective fromRow(Row row) {
        return new Collective(Actor.fromRow(row), row.getLong("member_count"));
    }
}
