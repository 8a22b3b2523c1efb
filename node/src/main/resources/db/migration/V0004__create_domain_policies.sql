-- What this node does with each remote domain. A policy on a domain also covers its subdomains,
-- unless a subdomain has its own (the most specific entry wins). Domains are stored normalised:
-- lower case, internationalised names in punycode, no port, no trailing dot.
CREATE TABLE domain_policies (
    domain         text PRIMARY KEY CHECK (domain <> '' AND domain = lower(domain)),
    policy         text NOT NULL CHECK (policy IN ('block', 'silence', 'allow')),
    public_comment text NOT NULL DEFAULT '',
    private_note   text NOT NULL DEFAULT '',
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- "open": federate with every domain that is not blocked; "allowlist": only with allowed domains.
INSERT INTO node_settings (key, value) VALUES ('federation.mode', '"open"')
    ON CONFLICT (key) DO NOTHING;

-- Every process keeps the policies in memory and polls this counter to know when to reload them.
-- Triggers bump it in the same transaction as any change, even one made by hand in psql; writers
-- serialise on its row, so a committed value never goes backwards.
INSERT INTO node_settings (key, value) VALUES ('federation.policy_version', '0')
    ON CONFLICT (key) DO NOTHING;

CREATE FUNCTION bump_federation_policy_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE node_settings
       SET value = to_jsonb(value::bigint + 1), updated_at = now()
     WHERE key = 'federation.policy_version';
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_policies_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON domain_policies
    FOR EACH STATEMENT EXECUTE FUNCTION bump_federation_policy_version();

CREATE TRIGGER federation_mode_changed
    AFTER INSERT OR UPDATE ON node_settings
    FOR EACH ROW WHEN (NEW.key = 'federation.mode')
    EXECUTE FUNCTION bump_federation_policy_version();
