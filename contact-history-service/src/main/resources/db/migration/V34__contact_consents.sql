-- Consents (contact-history-service/docs/follow-up-policy.md, "Consent"): what a contact gave or withdrew, from
-- ContactEvent.consents, as 'PURPOSE=true|false' in the order sent (ConsentChange.stored). Most contacts carry none.
-- A customer's consent for a purpose is its latest change by (occurred_at, contact_id) among its contacts; like every
-- other column of contact it comes from the log, so a rebuild gives it back as it was.
ALTER TABLE contact ADD COLUMN consents text[] NOT NULL DEFAULT '{}';

-- contact has a history (V30, contact-history-service/docs/as-of.md): its history table and its view get the column
-- too. The versions kept before carried no consents: '{}'.
ALTER TABLE contact_history ADD COLUMN consents text[] NOT NULL DEFAULT '{}';

-- V31's as_of.keep_history inserts a version by position (INSERT INTO <t>_history SELECT <columns>, now(), NULL), but a
-- column added to a history table comes after valid_from and valid_to. From now on it names the columns, so a table's
-- history can gain columns; otherwise it does what V31's did (V31 cannot change: Flyway checksums it).
CREATE OR REPLACE FUNCTION as_of.keep_history(t text, key_columns text) RETURNS void LANGUAGE plpgsql AS $fn$
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
        EXECUTE format('INSERT INTO %I (%s, valid_from, valid_to) SELECT %s, ''-infinity'', NULL FROM %I',
                       t || '_history', columns, columns, t);
    END IF;
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql
            SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off AS $body$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE %I h SET valid_to = now() FROM old_rows o WHERE h.valid_to IS NULL AND %s;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO %I (%s, valid_from, valid_to) SELECT %s, now(), NULL FROM new_rows;
            END IF;
            RETURN NULL;
        END
        $body$ $f$, t || '_keeps_history', t || '_history', key_match, t || '_history', columns, columns);
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

-- contact's trigger function and view, renewed for its present columns.
DROP VIEW as_of.contact;
SELECT as_of.keep_history('contact', 'contact_id');
