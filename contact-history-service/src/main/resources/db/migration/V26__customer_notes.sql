-- Agents' internal notes on customers (note/), applied from agent.actions. customer_id is the customer as the author
-- saw it; reading follows it to the customer that id answers with now (merges, re-derivations).
CREATE TABLE customer_note (
    note_id     uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL,
    author      text        NOT NULL,
    written_at  timestamptz NOT NULL,
    text        text        NOT NULL
);
CREATE INDEX customer_note_customer_idx ON customer_note (customer_id, written_at DESC);
