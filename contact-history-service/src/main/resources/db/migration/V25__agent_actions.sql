-- Every action of an agent or supervisor (shared/action): accepted by the API (PENDING) just before it is published to
-- agent.actions, then APPLIED or REFUSED by whichever instance consumes it from there. The API waits on this row to
-- answer (read-your-writes), GET /api/actions/{id} reads it, and applying an action again (a redelivery) finds it
-- done. A rebuild from the log fills it alike: every column but accepted_at comes from the record.
CREATE TABLE agent_action (
    action_id      uuid        PRIMARY KEY,
    kind           text        NOT NULL,
    actor          text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    customer_id    uuid,
    reason         text,
    status         text        NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'REFUSED')),
    refusal_status integer,
    refusal_title  text,
    refusal_detail text,
    CHECK ((status = 'REFUSED') = (refusal_status IS NOT NULL))
);
CREATE INDEX agent_action_customer_idx ON agent_action (customer_id, occurred_at) WHERE customer_id IS NOT NULL;
