-- Data keys of personal data (docs/personal-data.md): one per contact or action, named by its id. Deleting a row
-- shreds everything sealed under the key, on every copy of the logs. Schema personal is created by Flyway.
CREATE TABLE personal.data_key (
    key_id     uuid PRIMARY KEY,
    -- Tink binary keyset (one AES256_GCM key), encrypted by the master key with key_id's 16 bytes as associated
    -- data: useless without the master key, and it does not unwrap under another key_id.
    keyset     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
