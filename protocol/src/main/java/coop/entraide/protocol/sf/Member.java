package coop.entraide.protocol.sf;

/** A member of a List or a Dictionary value (RFC 8941 §3.1, §3.2): an Item or an Inner List. */
public sealed interface Member permits Item, InnerList {

    Parameters parameters();
}
