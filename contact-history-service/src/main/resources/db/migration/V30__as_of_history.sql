-- What the API answered at a past instant (GET …?asOf=, contact-history-service/docs/as-of.md): every version of the
-- rows the customer views read is kept in <table>_history with the span it was visible in, [valid_from, valid_to),
-- stamped with the start of the transaction that wrote or replaced it. Statement-level triggers with transition
-- tables keep it: one INSERT per statement, not per row. The schema as_of has a view per table with the live table's
-- columns, showing the versions visible at as_of.instant(); an as-of read runs the API's own queries with as_of first
-- in its search path. A migration that changes one of these tables must change its history table and view alike.
CREATE SCHEMA as_of;

CREATE FUNCTION as_of.instant() RETURNS timestamptz LANGUAGE sql STABLE AS
$$ SELECT current_setting('omnirouter.as_of')::timestamptz $$;

DO $$
DECLARE
    tables text[][] := ARRAY[
        ARRAY['customer', 'customer_id'],
        ARRAY['customer_identifier', 'type, value'],
        ARRAY['customer_merge', 'merge_id'],
        ARRAY['customer_unmerge', 'merge_id'],
        ARRAY['contact', 'contact_id'],
        ARRAY['follow_up_task', 'task_id']];
    t text;
    key_columns text;
    key_match text;
    columns text;
BEGIN
    FOR i IN 1 .. array_length(tables, 1) LOOP
        t := tables[i][1];
        key_columns := tables[i][2];
        SELECT string_agg(format('h.%I = o.%I', k, k), ' AND ') INTO key_match
          FROM unnest(string_to_array(replace(key_columns, ' ', ''), ',')) AS k;
        SELECT string_agg(format('%I', column_name), ', ' ORDER BY ordinal_position) INTO columns
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t;

        EXECUTE format('CREATE TABLE %I (LIKE %I, valid_from timestamptz NOT NULL, valid_to timestamptz)', t || '_history', t);
        -- Closing the visible version of a key, and reading a span: both by key.
        EXECUTE format('CREATE INDEX %I ON %I (%s) WHERE valid_to IS NULL', t || '_history_open_idx', t || '_history', key_columns);
        EXECUTE format('CREATE INDEX %I ON %I (%s, valid_from)', t || '_history_key_idx', t || '_history', key_columns);
        -- What there is before the history starts: the rows as they are now, visible since the beginning.
        EXECUTE format('INSERT INTO %I SELECT %s, ''-infinity'', NULL FROM %I', t || '_history', columns, t);

        EXECUTE format($f$
            CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $body$
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
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                       t || '_keeps_history_insert', t, t || '_keeps_history');
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                       t || '_keeps_history_update', t, t || '_keeps_history');
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                       t || '_keeps_history_delete', t, t || '_keeps_history');

        EXECUTE format('CREATE VIEW as_of.%I AS SELECT %s FROM public.%I WHERE valid_from <= as_of.instant() '
                       || 'AND (valid_to IS NULL OR valid_to > as_of.instant())', t, columns, t || '_history');
    END LOOP;
END
$$;

-- The customer views' own lookups, on the versions: a customer's contacts, identifiers, merges and tasks.
CREATE INDEX contact_history_customer_idx ON contact_history (customer_id, valid_from);
CREATE INDEX contact_history_thread_idx ON contact_history (thread_key, valid_from);
CREATE INDEX contact_history_origin_idx ON contact_history (origin_customer_id, valid_from);
CREATE INDEX customer_history_merged_into_idx ON customer_history (merged_into, valid_from);
CREATE INDEX customer_identifier_history_customer_idx ON customer_identifier_history (customer_id, valid_from);
CREATE INDEX customer_merge_history_survivor_idx ON customer_merge_history (survivor_id, valid_from);
CREATE INDEX customer_unmerge_history_survivor_idx ON customer_unmerge_history (survivor_id, valid_from);
CREATE INDEX follow_up_task_history_customer_idx ON follow_up_task_history (customer_id, valid_from);

-- When the history began to be kept: an as-of read before it has no answer (400).
CREATE TABLE as_of.history_start (began timestamptz NOT NULL);
INSERT INTO as_of.history_start VALUES (now());
