-- A rebuild replays agent.actions into the shadow tables too (contact-history-service/docs/identity-resolution-and-
-- rebuild.md, "Rebuild"): the decisions, unmerges, clearings, notes and absences are derived from the log like the
-- contacts. So every column of those tables must be what the log gives:
--  * recorded_at (V29) goes: the rebuild no longer re-derives the decisions recorded since it started, it replays them;
--  * follow_up_decision's seq goes (a database sequence is arrival order): an action id is the decision's key;
--  * agent_absence.updated_at is the action's time (written so by the application from now on).
ALTER TABLE history_rebuild ADD COLUMN actions_applied bigint NOT NULL DEFAULT 0,
                            ADD COLUMN actions_refused bigint NOT NULL DEFAULT 0;

ALTER TABLE identifier_sharing_cleared DROP COLUMN recorded_at;

ALTER TABLE follow_up_decision DROP CONSTRAINT follow_up_decision_action_key;
ALTER TABLE follow_up_decision DROP COLUMN seq;
ALTER TABLE follow_up_decision ADD CONSTRAINT follow_up_decision_pkey PRIMARY KEY (action_id);

-- customer_unmerge loses recorded_at in its history too (V30), and notes get a history, so that what an agent read in
-- a customer's notes at a past instant can be shown (GET …/notes?asOf=). Same shape as V30.
DROP VIEW as_of.customer_unmerge;
ALTER TABLE customer_unmerge DROP COLUMN recorded_at;
ALTER TABLE customer_unmerge_history DROP COLUMN recorded_at;

-- V30's history, as a function a later migration calls for a table of its own (V30 cannot change: Flyway checksums
-- it): creates <t>_history, its triggers and the view as_of.<t> if missing, and otherwise (the table changed) renews
-- the trigger function and the view for the table's present columns; the caller drops the view first then.
CREATE FUNCTION as_of.keep_history(t text, key_columns text) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    key_match text;
    columns text;
    fresh boolean := to_regclass('public.' || t || '_history') IS NULL;
BEGIN
    SELECT string_agg(format('h.%I = o.%I', k, k), ' AND ') INTO key_match
      FROM unnest(string_to_array(replace(key_columns, ' ', ''), ',')) AS k;
    SELECT string_agg(format('%I', column_name), ', ' ORDER BY ordinal_position) INTO columns
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t;
    IF fresh THEN
        EXECUTE format('CREATE TABLE %I (LIKE %I, valid_from timestamptz NOT NULL, valid_to timestamptz)', t || '_history', t);
        EXECUTE format('CREATE INDEX %I ON %I (%s) WHERE valid_to IS NULL', t || '_history_open_idx', t || '_history', key_columns);
        EXECUTE format('CREATE INDEX %I ON %I (%s, valid_from)', t || '_history_key_idx', t || '_history', key_columns);
        EXECUTE format('INSERT INTO %I SELECT %s, ''-infinity'', NULL FROM %I', t || '_history', columns, t);
    END IF;
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql
            SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $body$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE %I h SET valid_to = now() FROM old_rows o WHERE h.valid_to IS NULL AND %s;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO %I SELECT %s, now(), NULL FROM new_rows;
            END IF;
            RETURN NULL;
        END
        $body$ $f$, t || '_keeps_history', t || '_history', key_match, t || '_history', columns);
    IF fresh THEN
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                       t || '_keeps_history_insert', t, t || '_keeps_history');
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                       t || '_keeps_history_update', t, t || '_keeps_history');
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                       t || '_keeps_history_delete', t, t || '_keeps_history');
    END IF;
    EXECUTE format('CREATE VIEW as_of.%I AS SELECT %s FROM public.%I WHERE valid_from <= as_of.instant() '
                   || 'AND (valid_to IS NULL OR valid_to > as_of.instant())', t, columns, t || '_history');
END
$fn$;

-- The history triggers close a key's visible version with UPDATE … FROM old_rows. PostgreSQL has no statistics on a
-- transition table and planned a hash join, a sequential scan of the whole history table per statement: ingest got
-- slower as the history grew (the benchmark: 7.9 CPU-ms per contact at 100,000 customers instead of about 0.5). With
-- hash joins, merge joins and sequential scans off in these functions it is a nested loop, an index probe of
-- <table>_history_open_idx per row of the statement (also while the table is young and its statistics say it is empty).
ALTER FUNCTION customer_keeps_history() SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off;
ALTER FUNCTION customer_identifier_keeps_history() SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off;
ALTER FUNCTION customer_merge_keeps_history() SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off;
ALTER FUNCTION contact_keeps_history() SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off;
ALTER FUNCTION follow_up_task_keeps_history() SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off;

SELECT as_of.keep_history('customer_unmerge', 'merge_id');
SELECT as_of.keep_history('customer_note', 'note_id');

CREATE INDEX customer_note_history_customer_idx ON customer_note_history (customer_id, valid_from);
