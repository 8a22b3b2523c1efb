/**
 * Neighbourhood offers on the fediverse: the vocabulary (kinds, states, categories), and the
 * exact mapping between an offer and its ActivityStreams form, a {@code Note} carrying FEP-0837
 * (Federated Marketplace) terms and Entraide's extension terms. Pure functions, no I/O.
 */
package coop.entraide.protocol.offers;
