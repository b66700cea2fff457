-- Where the follow-up's fold of each customer stood after its latest applied contact (FoldCheckpoint), so that the
-- next contacts continue it instead of folding every contact of the customer again
-- (contact-history-service/docs/follow-up-determinism.md, "Continuing from a checkpoint").
--
-- UNLOGGED: a checkpoint is a cache of what the contacts give. After a crash PostgreSQL empties the table, and the
-- follow-up folds each customer from its first contact once, as it did before checkpoints; a replica has none
-- either. It is written in the transaction that stores the tasks, so what a transaction sees always matches them.
-- No foreign key: customers come and go with merges and re-derivations. A contact that moves is queued again with
-- the customer it left, and a batch holding such a contact folds its customers from their first contact, which
-- replaces their checkpoints.
CREATE UNLOGGED TABLE follow_up_checkpoint (
    customer_id       uuid PRIMARY KEY,
    after_occurred_at timestamptz NOT NULL,
    after_contact_id  uuid        NOT NULL,
    fingerprint       text        NOT NULL,
    state             jsonb       NOT NULL
);

-- When a contact was queued: the follow-up claims a contact once its event time or its wait here is
-- omnirouter.history.followup.workers.apply-settle in the past, so that a contact dated in the future (a skewed
-- clock) is not held back until then. now() is not volatile: the rows already queued get the time of this migration
-- without a rewrite of the table.
ALTER TABLE followup_pending ADD COLUMN queued_at timestamptz NOT NULL DEFAULT now();
