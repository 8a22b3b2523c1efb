/**
 * ActivityStreams 2.0 vocabulary as ActivityPub servers really send it: constants, immutable
 * records parsed from Jackson trees with edge normalisation, and writing back with a
 * {@code @context}. Parsing never fetches and never throws on malformed input. The JSON nodes a
 * record holds (in {@code extra}, in a {@link coop.entraide.protocol.as.Ref}) are its own copies:
 * treat them as read-only.
 */
package coop.entraide.protocol.as;
