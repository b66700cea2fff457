-- Follow-up tasks derived in event-time order (see docs/follow-up-determinism.md): a customer's tasks are a fold
-- over all its contacts, so whatever changes a customer's contacts must queue the customer again, and what is not
-- in the log (agents' decisions) must be kept to be folded in too.

-- A contact that identity resolution moves to another customer (a merge, a re-derivation after a late contact, an
-- unmerge) is queued again in the same transaction, with the customer it left: both customers' tasks are derived
-- again, even if the service stops right after the move.
ALTER TABLE followup_pending ADD COLUMN former_customers uuid[] NOT NULL DEFAULT '{}';

CREATE FUNCTION contact_moved_awaits_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO followup_pending (contact_id, occurred_at, former_customers)
    SELECT n.contact_id, n.occurred_at, ARRAY[o.customer_id]
      FROM moved_after n JOIN moved_before o ON o.contact_id = n.contact_id
     WHERE o.customer_id IS DISTINCT FROM n.customer_id
    ON CONFLICT (contact_id) DO UPDATE SET former_customers = followup_pending.former_customers || EXCLUDED.former_customers;
    RETURN NULL;
END
$$;
CREATE TRIGGER contact_moved_awaits_follow_up AFTER UPDATE ON contact
    REFERENCING OLD TABLE AS moved_before NEW TABLE AS moved_after
    FOR EACH STATEMENT EXECUTE FUNCTION contact_moved_awaits_follow_up();

-- Agents' decisions (assign, complete): not in the log, like an undone merge; folded in at their time whenever the
-- tasks of the customer holding the trigger contact are derived, and kept by rebuilds.
CREATE TABLE follow_up_decision (
    seq                bigserial   PRIMARY KEY,
    task_id            uuid        NOT NULL,
    trigger_contact_id uuid        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('ASSIGN', 'COMPLETE')),
    agent_id           text        NOT NULL,
    decided_at         timestamptz NOT NULL
);
CREATE INDEX follow_up_decision_trigger_idx ON follow_up_decision (trigger_contact_id);
-- Completions made before this migration are decisions too (an assignment cannot be told from a suggestion).
INSERT INTO follow_up_decision (task_id, trigger_contact_id, kind, agent_id, decided_at)
SELECT task_id, trigger_contact_id, 'COMPLETE', assignee, closed_at FROM follow_up_task
 WHERE status = 'COMPLETED' AND assignee IS NOT NULL AND closed_at IS NOT NULL;

-- Tasks a derivation no longer makes: their last (CANCELLED) version was published and the row left
-- follow_up_task; if a later derivation makes the promise again, its versions continue from here.
CREATE TABLE follow_up_cancelled_task (
    task_id            uuid        PRIMARY KEY,
    version            bigint      NOT NULL,
    customer_id        uuid        NOT NULL,
    trigger_contact_id uuid        NOT NULL,
    cancelled_at       timestamptz NOT NULL
);

-- Tasks of every status by their trigger (stray tasks, and tasks found by the contacts they hang on).
DROP INDEX follow_up_task_open_trigger_idx;
CREATE INDEX follow_up_task_trigger_idx ON follow_up_task (trigger_contact_id);
