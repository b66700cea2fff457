-- The live stream's changes (contact-history-service/docs/live-stream.md): what GET /api/stream sends, written in the
-- transaction that made it true, so that every instance sends the same changes in the same order, whichever instance
-- stored them, and a client resumes on any instance with Last-Event-ID.
--
-- A change's position is (tx, seq): the writing transaction's id, then a sequence number within it. A reader only
-- reads changes whose transaction is older than the oldest one still running (pg_snapshot_xmin of its snapshot): all
-- of those have committed or rolled back, and every transaction that writes later gets a higher id. So what lies
-- below a position a reader has passed never changes, and positions are read in increasing order with no gap. A
-- sequence alone would not do: sequence numbers are taken in one order and committed in another.
CREATE TABLE live_change (
    tx           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    seq          bigint      GENERATED ALWAYS AS IDENTITY,
    type         text        NOT NULL,
    -- The customers it concerns: a stream following one customer gets the changes of that customer.
    customer_ids uuid[]      NOT NULL,
    -- The event's data as the stream sends it (JSON): what the API shows anyway, no identifiers, no texts.
    data         text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tx, seq)
);

CREATE INDEX live_change_recorded_at_idx ON live_change (recorded_at);

-- The newest position pruned (omnirouter.live.retention): a client asking to resume from before it is told to reload.
-- One row at most; none while nothing was pruned.
CREATE TABLE live_change_horizon (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    tx       xid8    NOT NULL,
    seq      bigint  NOT NULL
);
