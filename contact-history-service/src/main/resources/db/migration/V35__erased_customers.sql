-- What stays of an erased customer (docs/personal-data.md, "Erasure"): no personal data, only that it was erased,
-- when, by which action, and how many contacts it had per channel. One row per id that answered with the erased
-- customer (its own and those merged into it); the counts are on the row of the id the erasure named.
CREATE TABLE erased_customer (
    customer_id         uuid        PRIMARY KEY,
    erased_as           uuid        NOT NULL,
    erased_at           timestamptz NOT NULL,
    action_id           uuid        NOT NULL,
    contacts_by_channel jsonb       NOT NULL DEFAULT '{}'
);
