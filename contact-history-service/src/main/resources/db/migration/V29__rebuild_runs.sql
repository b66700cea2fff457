-- Rebuilds of the projections, cluster-wide: the status every instance answers GET /api/ops/rebuild with, and the one
-- rebuild that may run at a time (the partial unique index). The instance running it holds the session advisory lock
-- (7, 1); when that instance dies, the lock goes with its connection and another instance resumes the rebuild from
-- its progress, which is kept in the rebuild schema in the transactions that write the rebuilt rows.
CREATE TABLE history_rebuild (
    rebuild_id        uuid        PRIMARY KEY,
    state             text        NOT NULL CHECK (state IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    running_on        text,
    claimed           boolean     NOT NULL DEFAULT false,
    resumptions       integer     NOT NULL DEFAULT 0,
    records_read      bigint      NOT NULL DEFAULT 0,
    contacts_recorded bigint      NOT NULL DEFAULT 0,
    records_skipped   bigint      NOT NULL DEFAULT 0,
    schema_version    text        NOT NULL,
    failure           text,
    CHECK ((state = 'RUNNING') = (finished_at IS NULL))
);
CREATE UNIQUE INDEX history_rebuild_one_running ON history_rebuild ((true)) WHERE state = 'RUNNING';
CREATE INDEX history_rebuild_started_idx ON history_rebuild (started_at DESC);

-- When a supervisor's identity decision was recorded: a rebuild replays contacts while decisions keep being taken, and
-- re-derives, just before it switches, the components of the decisions recorded since it started.
ALTER TABLE customer_unmerge ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE identifier_sharing_cleared ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
