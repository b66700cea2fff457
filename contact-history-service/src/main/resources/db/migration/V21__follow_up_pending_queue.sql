-- Contacts still to be applied to the follow-up, as a narrow queue of their own: applying a contact deletes a
-- small row here instead of rewriting the wide contact row and every one of its indexes (an UPDATE of a column
-- in an index predicate is never HOT).
CREATE TABLE followup_pending (
    contact_id  uuid PRIMARY KEY REFERENCES contact (contact_id) ON DELETE CASCADE,
    occurred_at timestamptz NOT NULL
);
-- Claimed oldest first (event time, then id).
CREATE INDEX followup_pending_order_idx ON followup_pending (occurred_at, contact_id);

INSERT INTO followup_pending (contact_id, occurred_at) SELECT contact_id, occurred_at FROM contact WHERE NOT followup_applied;
DROP INDEX contact_followup_pending_idx;
ALTER TABLE contact DROP COLUMN followup_applied;

-- Every contact stored (ingest, rebuild) awaits the follow-up; a contact that was already stored (ON CONFLICT DO
-- NOTHING) is not in the transition table, so it is never applied twice.
CREATE FUNCTION contact_awaits_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO followup_pending (contact_id, occurred_at) SELECT contact_id, occurred_at FROM stored_contacts;
    RETURN NULL;
END
$$;
CREATE TRIGGER contact_awaits_follow_up AFTER INSERT ON contact
    REFERENCING NEW TABLE AS stored_contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_awaits_follow_up();
