package coop.entraide.node.offers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Where offers leave the node: called inside the transaction that changed the offer, so that the
 * outbox entry and the deliveries commit with it. The federation layer implements it with its
 * publisher (Create, Update and Delete by the author, announced by the collective; direct
 * messages to remote participants). Members-only offers are never passed here.
 */
public interface OfferPublications {

    /** A new local offer; {@code document} is its complete ActivityStreams form. */
    Future<Void> created(SqlClient tx, Offer offer, ObjectNode document);

    /** A local offer changed (edited, or its state moved); {@code document} is its new form. */
    Future<Void> updated(SqlClient tx, Offer offer, ObjectNode document);

    /**
     * A federated offer became members-only: the copies other servers hold are deleted.
     * {@code before} is the offer as it was last published (its audience).
     */
    Future<Void> unpublished(SqlClient tx, Offer before);

    /**
     * Someone must be told something about an offer (a response was accepted or declined, a loan
     * is due): a direct message to {@code recipientUri} when that person is remote.
     */
    Future<Void> message(SqlClient tx, Offer offer, String recipientUri, String text);

    /**
     * A member of this node answered another server's offer: the response ({@code sourceUri} is the
     * id of the activity to send) goes to the offer's author.
     */
    Future<Void> responded(SqlClient tx, Offer offer, OfferResponse response);

    /**
     * The author of a local offer accepted or declined a response that came from another server:
     * the responder's server is answered ({@code Accept} or {@code Reject} of the response).
     */
    Future<Void> decided(SqlClient tx, Offer offer, OfferResponse response, boolean accepted);

    /** Publishes nothing: a node without federation, and the default until the publisher is wired. */
    OfferPublications NONE = new OfferPublications() {
        @Override
        public Future<Void> created(SqlClient tx, Offer offer, ObjectNode document) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> updated(SqlClient tx, Offer offer, ObjectNode document) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> message(SqlClient tx, Offer offer, String recipientUri, String text) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> unpublished(SqlClient tx, Offer before) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> responded(SqlClient tx, Offer offer, OfferResponse response) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> decided(SqlClient tx, Offer offer, OfferResponse response, boolean accepted) {
            return Future.succeededFuture();
        }
    };
}
