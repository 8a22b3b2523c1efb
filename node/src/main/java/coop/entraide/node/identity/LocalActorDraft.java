package coop.entraide.node.identity;

/**
 * Everything stored about a new local actor, its ids already minted by {@code Uris}. Carries
 * the private keys only on their way to {@link ActorKeyRepository}.
 */
record LocalActorDraft(
        String uri,
        ActorType type,
        String username,
        String displayName,
        String summaryHtml,
        String inbox,
        String outbox,
        String sharedInbox,
        String followers,
        String following,
        String publicKeyId,
        String multikeyId,
        boolean manuallyApprovesFollowers,
        boolean discoverable,
        ActorKeys keys) {
}
