-- The read audit (audit/, contact-history-service/docs/security-and-console.md): one row per customer whose data a
-- request read through the API or the console: who (the authenticated name and roles), when, which customer, which
-- endpoint (the route template, e.g. GET /api/customers/{customerId}/timeline: never a value of the path or the
-- query), the past instant of an as-of read, and the instance that answered. No content: no identifier, no name, no
-- text of a contact or a note.
CREATE TABLE read_audit (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    read_at     timestamptz NOT NULL,
    actor       text        NOT NULL,
    roles       text[]      NOT NULL,
    customer_id uuid        NOT NULL,
    endpoint    text        NOT NULL,
    as_of       timestamptz,
    instance_id text        NOT NULL
);

-- A supervisor's two questions, newest first (read_at, then id): who read this customer, what did this user read.
-- Scanned backwards; the keyset condition (read_at, id) < (…, …) of the next page is an index condition.
CREATE INDEX read_audit_customer_idx ON read_audit (customer_id, read_at, id);
CREATE INDEX read_audit_actor_idx ON read_audit (actor, read_at, id);
