package coop.entraide.node.federation.policy;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One row of {@code domain_policies}.
 *
 * @param publicComment shown to anyone who asks why the domain is limited (may be empty)
 * @param privateNote   for the node's administrators only (may be empty)
 * @param createdBy     who set it: an administrator's handle, or "command line"
 */
public record DomainPolicy(
        DomainName domain,
        Policy policy,
        String publicComment,
        String privateNote,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public DomainPolicy {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(publicComment, "publicComment");
        Objects.requireNonNull(privateNote, "privateNote");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
