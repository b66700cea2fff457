-- Merges, merge protection and unmerge (contact-history-service/docs/identity-resolution-and-rebuild.md). The stored state is what applying all stored contacts
-- in event-time order (occurred_at, then contact_id) gives; see IdentityResolution and ResolvingCustomers.

-- A merged customer stays, as a pointer to the customer that now holds its contacts and identifiers, so
-- that its id keeps answering (GET /api/customers/{id} serves the survivor). merged_into always names a
-- customer that was not merged itself: later merges re-point it.
ALTER TABLE customer
    ADD COLUMN merged_into uuid,
    ADD COLUMN merged_at   timestamptz,
    ADD CONSTRAINT customer_merged_consistently CHECK ((merged_into IS NULL) = (merged_at IS NULL)),
    ADD CONSTRAINT customer_not_merged_into_itself CHECK (merged_into <> customer_id);
CREATE INDEX customer_merged_into_idx ON customer (merged_into) WHERE merged_into IS NOT NULL;

-- touched_at/touched_by: the latest contact (event-time order) whose resolution read or changed the
-- identifier (frozen once it is shared). A contact ordered before it arrived late: its component is
-- re-derived instead of continuing the stored state.
-- seen_with: the distinct customers the identifier was presented with; too many and it is shared.
ALTER TABLE customer_identifier
    ADD COLUMN touched_at timestamptz,
    ADD COLUMN touched_by uuid,
    ADD COLUMN seen_with  uuid[];
-- Identifiers resolved by the first cut's rules: touched "at the end of time", so that the first contact
-- reaching one re-derives its component under the rules above (or run a rebuild, see docs).
UPDATE customer_identifier
   SET touched_at = '9999-12-31 23:59:59.999999+00', touched_by = 'ffffffff-ffff-ffff-ffff-ffffffffffff',
       seen_with = ARRAY[customer_id];
ALTER TABLE customer_identifier
    ALTER COLUMN touched_at SET NOT NULL,
    ALTER COLUMN touched_by SET NOT NULL,
    ALTER COLUMN seen_with SET NOT NULL;

-- One row per standing merge. merge_id derives from (cause_contact_id, survivor_id, merged_id), so a rebuild records
-- the same ids. linking_types/linking_values: the cause's identifiers that belonged to the merged customer.
CREATE TABLE customer_merge (
    merge_id         uuid        PRIMARY KEY,
    survivor_id      uuid        NOT NULL REFERENCES customer (customer_id),
    merged_id        uuid        NOT NULL UNIQUE REFERENCES customer (customer_id),
    cause_contact_id uuid        NOT NULL,
    linking_types    text[]      NOT NULL,
    linking_values   text[]      NOT NULL,
    merged_at        timestamptz NOT NULL,
    CHECK (cardinality(linking_types) = cardinality(linking_values))
);
CREATE INDEX customer_merge_survivor_idx ON customer_merge (survivor_id);

-- Merges a supervisor undid. Not a projection of the log but a decision: it survives rebuilds, keeps the
-- merge in the customers' lineage and forbids linking the two customers again, whatever contact would.
CREATE TABLE customer_unmerge (
    merge_id         uuid        PRIMARY KEY,
    survivor_id      uuid        NOT NULL,
    merged_id        uuid        NOT NULL,
    cause_contact_id uuid        NOT NULL,
    linking_types    text[]      NOT NULL,
    linking_values   text[]      NOT NULL,
    merged_at        timestamptz NOT NULL,
    undone_at        timestamptz NOT NULL,
    undone_by        text
);
CREATE INDEX customer_unmerge_survivor_idx ON customer_unmerge (survivor_id);
CREATE INDEX customer_unmerge_merged_idx ON customer_unmerge (merged_id);

-- Finding a component: the stored contacts carrying given identifiers, whoever holds them.
CREATE INDEX contact_phone_idx ON contact (phone) WHERE phone IS NOT NULL;
CREATE INDEX contact_email_idx ON contact (email) WHERE email IS NOT NULL;
CREATE INDEX contact_shop_customer_id_idx ON contact (shop_customer_id) WHERE shop_customer_id IS NOT NULL;
CREATE INDEX contact_chat_visitor_id_idx ON contact (chat_visitor_id) WHERE chat_visitor_id IS NOT NULL;
