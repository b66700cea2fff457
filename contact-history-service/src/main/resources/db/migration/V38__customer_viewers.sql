-- Presence (issue 14, item 7; presence/, docs/security-and-console.md, "Who else is looking"): which agents have a
-- customer open in the console right now, so that two agents do not answer the same customer at once. Every instance
-- of the service writes and reads this one table, which is what makes an agent on one instance see an agent on another.
--
-- UNLOGGED: presence is ephemeral. A row is an agent's last heartbeat (every few seconds) and means nothing after the
-- TTL (30 s by default), so it is not worth the WAL: after a crash PostgreSQL empties the table, and the consoles
-- heartbeating fill it again within one heartbeat interval. Nor is it replicated to a standby, nor in the as-of history.
-- It holds agents' ids only, nothing of the customer's but the customer id.
CREATE UNLOGGED TABLE customer_viewer (
    customer_id uuid        NOT NULL,
    agent_id    text        NOT NULL,
    -- The database's clock (now()), never an instance's: one clock for every instance, so that skew between machines
    -- neither hides a viewer nor keeps one too long.
    seen_at     timestamptz NOT NULL,
    PRIMARY KEY (customer_id, agent_id)
);

-- The purge of expired heartbeats (DELETE … WHERE seen_at < now() - ttl) reads this, not the whole table.
CREATE INDEX customer_viewer_seen_at_idx ON customer_viewer (seen_at);
