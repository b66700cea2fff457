-- Clearings of shared identifiers: a supervisor's decision (an action on agent.actions) that a shared identifier is
-- one person's after all. Identity resolution applies each at its place in event-time order (cleared_at, action_id),
-- also when it re-derives a component, so the table is read by identifier. A decision, not a projection: a rebuild
-- keeps it, like customer_unmerge.
CREATE TABLE identifier_sharing_cleared (
    action_id  uuid        PRIMARY KEY,
    type       text        NOT NULL,
    value      text        NOT NULL,
    cleared_at timestamptz NOT NULL,
    cleared_by text        NOT NULL
);
CREATE INDEX identifier_sharing_cleared_identifier_idx ON identifier_sharing_cleared (type, value);
