-- What we learnt of other servers' HTTP signatures (FEDERATION.md, "HTTP signatures"): whether a
-- server verifies RFC 9421 ed25519 signatures and how it asked to be signed for, whether it refused
-- one lately, and which signature scheme it accepts. Kept here so that a restart does not learn it
-- again, and so that every node process on this database knows what one of them learnt.
--
-- A row is written only when what we know of a server changes, never for each request. Rows exist
-- only for servers we sent signed requests to and read an answer from, or that sent us a request
-- with a valid RFC 9421 signature; the node keeps at most 10,000 of them (the least recently
-- changed go first) and drops those that tell nothing any more.
--
-- Values are plain text, without CHECK constraints on purpose: a value a node cannot read (written
-- by a newer version, or edited by hand) is ignored with a log line, and does not stop the writes.
CREATE SEQUENCE signature_hosts_change;

CREATE TABLE signature_hosts (
    host                  text PRIMARY KEY,
    -- 'verifies' (with label and components), 'refused' (until ed25519_refused_until), 'forgotten'
    -- (a later answer withdrew it), or NULL
    ed25519               text,
    ed25519_label         text,
    -- component names, space-separated, as in "@method @target-uri content-digest"
    ed25519_components    text,
    ed25519_refused_until timestamptz,
    -- 'rfc9421', 'draft-cavage-12' or 'none'; rejected ones space-separated
    scheme_accepted       text,
    schemes_rejected      text,
    -- the process run that wrote the row last, so that it does not read its own writes back
    written_by            text NOT NULL,
    change                bigint NOT NULL DEFAULT nextval('signature_hosts_change'),
    changed_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signature_hosts_change_order ON signature_hosts (change);
CREATE INDEX signature_hosts_changed_at ON signature_hosts (changed_at);
