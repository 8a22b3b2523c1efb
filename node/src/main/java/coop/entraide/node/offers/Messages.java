package coop.entraide.node.offers;

/** The words the node sends people about an offer, in the offer's language. */
final class Messages {
    private Messages() {
    }

    private static boolean fr(Offer offer) {
        return offer.language().startsWith("fr");
    }

    static String responseReceived(Offer offer, String responderUri, String message) {
        return (fr(offer) ? "Nouvelle réponse à « " + offer.title() + " » de " : "New response to \"" + offer.title()
                + "\" from ") + responderUri + (message.isBlank() ? "" : " : " + message);
    }

    static String accepted(Offer offer) {
        return fr(offer)
                ? "Bonne nouvelle : votre réponse à « " + offer.title() + " » est acceptée. " + offer.uri()
                : "Good news: your response to \"" + offer.title() + "\" was accepted. " + offer.uri();
    }

    static String declined(Offer offer) {
        return fr(offer)
                ? "Merci pour votre réponse à « " + offer.title() + " ». Cette fois, ce sera avec quelqu'un d'autre ; "
                        + "à bientôt dans le quartier !"
                : "Thank you for responding to \"" + offer.title() + "\". This time it will go to someone else; "
                        + "see you around the neighbourhood!";
    }

    static String noLongerAvailable(Offer offer) {
        return fr(offer)
                ? "Merci pour votre réponse à « " + offer.title() + " ». Cette offre n'est plus disponible."
                : "Thank you for responding to \"" + offer.title() + "\". This offer is no longer available.";
    }

    static String reservationCancelled(Offer offer) {
        return fr(offer)
                ? "La réservation de « " + offer.title() + " » est annulée ; l'offre est de nouveau disponible."
                : "The reservation of \"" + offer.title() + "\" was cancelled; the offer is available again.";
    }

    static String loanDueSoon(Offer offer) {
        return fr(offer)
                ? "Petit rappel : « " + offer.title() + " » est à rendre le " + offer.loanDueAt().toLocalDate() + "."
                : "A friendly reminder: \"" + offer.title() + "\" is due back on " + offer.loanDueAt().toLocalDate() + ".";
    }
}
