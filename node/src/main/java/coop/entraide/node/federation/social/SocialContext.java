package coop.entraide.node.federation.social;

import coop.entraide.node.Uris;
import coop.entraide.node.federation.actors.RemoteActors;
import java.time.Clock;

/**
 * What the social handlers and services share.
 *
 * @param wakeDelivery asks the delivery worker to send at once what a committed transaction
 *                     enqueued (it polls anyway, this only saves the wait)
 */
public record SocialContext(Uris uris, Clock clock, Publisher publisher, RemoteActors remoteActors,
                            RemoteObjects remoteObjects, Runnable wakeDelivery) {
}
