-- The ledger (an open, append-only record of every movement of money or promise of money) and the
-- first capability that writes to it: crowdfunding campaigns of collectives, their pledges, the
-- expenses they report and the tax receipts they issue. See docs/ledger.md.

-- ---------------------------------------------------------------------------------------------
-- Ledger
-- ---------------------------------------------------------------------------------------------

-- An account: a place amounts move into and out of. It belongs to someone (a collective, a member,
-- the node's cooperative, or the outside world: donors, suppliers), has a kind that says what it
-- holds, and is usually scoped to the thing it serves (a campaign; later a loan, a share class, a
-- cashback programme). An account holds one currency only.
CREATE TABLE ledger_accounts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_kind text NOT NULL CHECK (owner_kind IN ('collective', 'member', 'cooperative', 'external')),
    -- collectives.actor_id or members.actor_id; NULL for the cooperative and the outside world.
    owner_id   bigint REFERENCES actors (id),
    kind       text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{1,40}$'),
    scope_kind text NOT NULL CHECK (scope_kind ~ '^[a-z][a-z_]{1,40}$'),
    scope_id   bigint NOT NULL,
    currency   char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_accounts_owner CHECK ((owner_kind IN ('collective', 'member')) = (owner_id IS NOT NULL)),
    -- Entries name (account, currency) pairs so that an entry can never mix currencies.
    CONSTRAINT ledger_accounts_id_currency UNIQUE (id, currency)
);
CREATE UNIQUE INDEX ledger_accounts_identity
    ON ledger_accounts (scope_kind, scope_id, owner_kind, coalesce(owner_id, 0), kind, currency);

-- The kinds of entries, as data: a capability that needs a new kind adds a row in its migration.
CREATE TABLE ledger_entry_kinds (
    kind        text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z_]{1,40}$'),
    description text NOT NULL
);
INSERT INTO ledger_entry_kinds (kind, description) VALUES
    ('pledge_promised', 'A donor promised an amount to a campaign'),
    ('pledge_received', 'The collective''s treasurer received a promised amount'),
    ('pledge_released', 'A promise was released without payment (withdrawn, or the campaign failed)'),
    ('pledge_refunded', 'An amount received was paid back to the donor'),
    ('tip_promised',    'A donor promised a tip to the node''s cooperative with a pledge'),
    ('tip_received',    'A promised tip was received'),
    ('tip_released',    'A promised tip was released without payment'),
    ('tip_refunded',    'A received tip was paid back to the donor'),
    ('expense_recorded', 'The collective reports spending part of what it received');

-- One movement: `amount` leaves `from_account_id` and enters `to_account_id`. An account's
-- balance is what entered it minus what left it, so the balances of all accounts of one scope
-- always add up to zero. Rows are never updated or deleted (see the trigger below): a correction
-- is a new entry.
CREATE TABLE ledger_entries (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 text NOT NULL REFERENCES ledger_entry_kinds (kind),
    from_account_id      bigint NOT NULL,
    to_account_id        bigint NOT NULL,
    -- Exact decimals: up to 14 digits before the point and 4 after (currencies have 0 to 4 minor digits).
    amount               numeric(18, 4) NOT NULL CHECK (amount > 0),
    currency             char(3) NOT NULL,
    -- What the entry is about: ('pledge', pledges.id), ('expense', campaign_expenses.id); later
    -- ('loan_instalment', …), ('share', …), ('cashback', …).
    subject_kind         text NOT NULL CHECK (subject_kind ~ '^[a-z][a-z_]{1,40}$'),
    subject_id           bigint NOT NULL,
    -- Who recorded it: a member (their actor), or NULL for the node itself (the scheduler, a
    -- public form, a remote server's signed activity); `recorded_by` says which in words.
    recorded_by_actor_id bigint REFERENCES actors (id),
    recorded_by          text NOT NULL,
    recorded_at          timestamptz NOT NULL,
    -- A payment reference, cheque number or statement line: whatever lets a person find the money.
    reference            text,
    memo                 text,
    CONSTRAINT ledger_entries_two_accounts CHECK (from_account_id <> to_account_id),
    CONSTRAINT ledger_entries_from FOREIGN KEY (from_account_id, currency) REFERENCES ledger_accounts (id, currency),
    CONSTRAINT ledger_entries_to FOREIGN KEY (to_account_id, currency) REFERENCES ledger_accounts (id, currency)
);
-- Balances are sums over these two indexes (index-only scans thanks to INCLUDE).
CREATE INDEX ledger_entries_to_account ON ledger_entries (to_account_id) INCLUDE (amount);
CREATE INDEX ledger_entries_from_account ON ledger_entries (from_account_id) INCLUDE (amount);
CREATE INDEX ledger_entries_subject ON ledger_entries (subject_kind, subject_id);

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'record a new entry (for example pledge_refunded) instead of changing an old one';
END
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
-- Accounts are never removed or moved to another owner, scope or currency either.
CREATE TRIGGER ledger_accounts_append_only BEFORE UPDATE OR DELETE ON ledger_accounts
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Every account's balance, derived from the entries (never stored).
CREATE VIEW ledger_balances AS
SELECT a.id AS account_id, a.owner_kind, a.owner_id, a.kind, a.scope_kind, a.scope_id, a.currency,
       coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.to_account_id = a.id), 0)
     - coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.from_account_id = a.id), 0) AS balance
FROM ledger_accounts a;

-- ---------------------------------------------------------------------------------------------
-- Campaigns
-- ---------------------------------------------------------------------------------------------

-- The node's cooperative lives on optional tips; this is the percentage suggested to donors.
INSERT INTO node_settings (key, value) VALUES ('default_tip_percent', '10'::jsonb) ON CONFLICT (key) DO NOTHING;

CREATE TABLE campaigns (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id    bigint NOT NULL REFERENCES collectives (actor_id),
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- Sanitised HTML, safe to display.
    description_html text NOT NULL DEFAULT '',
    image_url        text,
    goal             numeric(18, 4) NOT NULL CHECK (goal > 0),
    currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    rule             text NOT NULL CHECK (rule IN ('keep_what_is_raised', 'all_or_nothing')),
    free_amount      boolean NOT NULL DEFAULT true,
    state            text NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'open', 'succeeded', 'failed', 'cancelled')),
    created_by       bigint NOT NULL REFERENCES actors (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    published_at     timestamptz,
    closed_at        timestamptz,
    CONSTRAINT campaigns_dates CHECK (ends_at > starts_at),
    CONSTRAINT campaigns_closed CHECK ((state IN ('succeeded', 'failed', 'cancelled')) = (closed_at IS NOT NULL))
);
CREATE INDEX campaigns_collective ON campaigns (collective_id, id DESC);
-- The scheduler's sweep: open campaigns whose end has come.
CREATE INDEX campaigns_due_to_close ON campaigns (ends_at) WHERE state = 'open';

-- Suggested amounts, each with an optional counterpart ("a poster signed by the team").
CREATE TABLE campaign_tiers (
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    position    integer NOT NULL CHECK (position >= 0),
    amount      numeric(18, 4) NOT NULL CHECK (amount > 0),
    title       text NOT NULL DEFAULT '',
    counterpart text NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, position)
);

-- When the campaign's federated copy must next be refreshed. Kept apart from `campaigns` so that
-- pledges, which lock the campaign row FOR SHARE, can mark it without contending on that row.
-- A pledge sets `due_at` only when it is empty, to no earlier than the last publication plus the
-- coalescing interval; the scheduler publishes one Update and clears it.
CREATE TABLE campaign_progress (
    campaign_id  bigint PRIMARY KEY REFERENCES campaigns (id),
    due_at       timestamptz,
    published_at timestamptz
);
CREATE INDEX campaign_progress_due ON campaign_progress (due_at) WHERE due_at IS NOT NULL;

-- What admins changed after pledges existed (the goal, for now): who, when, from what to what, why.
CREATE TABLE campaign_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    actor_id    bigint NOT NULL REFERENCES actors (id),
    action      text NOT NULL,
    before      jsonb NOT NULL,
    after       jsonb NOT NULL,
    reason      text NOT NULL CHECK (length(reason) > 0),
    at          timestamptz NOT NULL
);
CREATE INDEX campaign_audit_campaign ON campaign_audit (campaign_id, id);

-- News posts from the collective to its contributors.
CREATE TABLE campaign_updates (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id  bigint NOT NULL REFERENCES campaigns (id),
    author_id    bigint NOT NULL REFERENCES actors (id),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    content_html text NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX campaign_updates_campaign ON campaign_updates (campaign_id, id DESC);

-- A pledge. Its money lives in the ledger; this row says who pledged, how they wish to appear
-- and where the pledge stands. `state` always equals what the pledge's ledger entries say (the
-- service changes both in one transaction; the tests reconcile them).
CREATE TABLE pledges (
    id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    campaign_id       bigint NOT NULL REFERENCES campaigns (id),
    donor_kind        text NOT NULL CHECK (donor_kind IN ('member', 'remote', 'public')),
    donor_member_id   bigint REFERENCES members (actor_id),
    donor_actor_uri   text,
    donor_email       text,
    -- For the tax receipt only; never shown publicly.
    donor_legal_name  text,
    donor_address     text,
    -- How the donor appears on public pages; NULL means anonymous.
    public_name       text,
    message           text,
    amount            numeric(18, 4) NOT NULL CHECK (amount > 0),
    tip               numeric(18, 4) NOT NULL DEFAULT 0 CHECK (tip >= 0),
    currency          char(3) NOT NULL,
    state             text NOT NULL DEFAULT 'promised'
        CHECK (state IN ('promised', 'received', 'released', 'refunded')),
    payment_method    text CHECK (payment_method IN ('bank_transfer', 'cash', 'cheque')),
    -- ISO 11649 structured creditor reference the donor quotes on their transfer.
    payment_reference text NOT NULL,
    -- The signed activity a remote pledge came in; a second delivery of it changes nothing.
    remote_activity_uri text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT pledges_reference_key UNIQUE (payment_reference),
    CONSTRAINT pledges_remote_activity_key UNIQUE (remote_activity_uri),
    CONSTRAINT pledges_donor CHECK (
        (donor_kind = 'member' AND donor_member_id IS NOT NULL)
     OR (donor_kind = 'remote' AND donor_actor_uri IS NOT NULL AND remote_activity_uri IS NOT NULL)
     OR (donor_kind = 'public' AND donor_email IS NOT NULL))
);
CREATE INDEX pledges_campaign ON pledges (campaign_id, id);
CREATE INDEX pledges_member ON pledges (donor_member_id, id DESC) WHERE donor_member_id IS NOT NULL;

-- What the collective says it spent from a campaign's funds (also a ledger entry).
CREATE TABLE campaign_expenses (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    amount      numeric(18, 4) NOT NULL CHECK (amount > 0),
    currency    char(3) NOT NULL,
    description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    spent_on    date NOT NULL,
    recorded_by bigint NOT NULL REFERENCES actors (id),
    recorded_at timestamptz NOT NULL
);
CREATE INDEX campaign_expenses_campaign ON campaign_expenses (campaign_id, id);

-- Tax receipts (reçus fiscaux). Numbers run without gaps per collective: the counter row is
-- locked by the transaction that issues a receipt, so a rolled-back issue leaves no hole.
CREATE TABLE tax_receipt_counters (
    collective_id bigint PRIMARY KEY REFERENCES collectives (actor_id),
    last_number   bigint NOT NULL CHECK (last_number > 0)
);
CREATE TABLE tax_receipts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id bigint NOT NULL REFERENCES collectives (actor_id),
    number        bigint NOT NULL CHECK (number > 0),
    pledge_id     bigint NOT NULL REFERENCES pledges (id),
    issued_at     timestamptz NOT NULL,
    CONSTRAINT tax_receipts_number_key UNIQUE (collective_id, number),
    CONSTRAINT tax_receipts_pledge_key UNIQUE (pledge_id)
);
CREATE TRIGGER tax_receipts_append_only BEFORE UPDATE OR DELETE ON tax_receipts
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER tax_receipts_no_truncate BEFORE TRUNCATE ON tax_receipts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
