-- Open tasks by the contact that triggered them: a re-derivation that moves contacts to another customer moves
-- their open tasks along (without it, a scan of every task per re-derivation).
CREATE INDEX follow_up_task_open_trigger_idx ON follow_up_task (trigger_contact_id) WHERE status = 'OPEN';

-- A queue: every row is inserted once and deleted soon after. Vacuumed and analysed after a fixed number of
-- changes rather than a fraction of a table that is usually near empty, so claims never wade through dead rows.
ALTER TABLE followup_pending SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                                  autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
