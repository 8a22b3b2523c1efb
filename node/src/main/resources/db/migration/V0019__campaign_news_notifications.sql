-- A campaign's news post tells each member who pledged to it.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('response_received', 'response_accepted', 'loan_due_soon', 'pledge_received',
                    'report_opened', 'follow_requested', 'campaign_news'));
