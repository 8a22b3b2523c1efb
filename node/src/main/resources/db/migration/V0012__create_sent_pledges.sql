-- Pledges our members made to campaigns of other Entraide nodes: the signed Offer we sent, and
-- what the campaign's collective answered (Accept with the recorded pledge, Reject with a reason,
-- then Updates of the pledge's state). The money is counted by the campaign's own node; this is
-- the member's copy, so that they can follow their pledge without visiting the other server.
CREATE TABLE sent_pledges (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id         uuid NOT NULL DEFAULT gen_random_uuid(),
    member_id         bigint NOT NULL REFERENCES members (actor_id),
    collective_id     bigint NOT NULL REFERENCES actors (id),
    campaign_uri      text NOT NULL,
    -- The id of the Offer activity we sent; the collective's answers name it.
    activity_uri      text NOT NULL,
    amount            numeric(16, 4) NOT NULL CHECK (amount > 0),
    tip               numeric(16, 4) NOT NULL DEFAULT 0 CHECK (tip >= 0),
    currency          char(3) NOT NULL,
    public_name       text,
    message           text,
    -- sent: no answer yet; rejected: refused by the campaign's node (reason says why); otherwise the
    -- pledge's state there.
    state             text NOT NULL DEFAULT 'sent'
        CHECK (state IN ('sent', 'rejected', 'promised', 'received', 'refunded', 'released')),
    reason            text,
    -- The pledge as the campaign's node recorded it, once accepted.
    pledge_uri        text,
    payment_reference text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT sent_pledges_public_id_key UNIQUE (public_id),
    CONSTRAINT sent_pledges_activity_key UNIQUE (activity_uri)
);
CREATE INDEX sent_pledges_member ON sent_pledges (member_id, id DESC);
CREATE INDEX sent_pledges_pledge ON sent_pledges (pledge_uri) WHERE pledge_uri IS NOT NULL;
