package coop.entraide.node.federation.social;

import coop.entraide.node.Uris;
import coop.entraide.node.federation.actors.RemoteActors;
import java.time.Clock;

/** What the social handlers and services share. */
public record SocialContext(Uris uris, Clock clock, Publisher publisher, RemoteActors remoteActors,
                            RemoteObjects remoteObjects) {
}
