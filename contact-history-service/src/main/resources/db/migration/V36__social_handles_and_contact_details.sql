-- channel.social (ContactEvent v4, docs/kafka-contract.md): the identifier type SOCIAL_HANDLE, and the channel's
-- facts no other field holds (ContactEvent.details).

-- An identifier of the new type belongs to a customer like the others (contact-history-service/docs/
-- identity-resolution-and-rebuild.md). V1 named its CHECK after the column.
ALTER TABLE customer_identifier
    DROP CONSTRAINT customer_identifier_type_check,
    ADD CONSTRAINT customer_identifier_type_check
        CHECK (type IN ('PHONE', 'EMAIL', 'SHOP_CUSTOMER_ID', 'CHAT_VISITOR_ID', 'SOCIAL_HANDLE'));

-- The handle a contact carried ('<platform>:<handle>', normalized by the router), kept beside the other identifiers
-- (one column per identifier type, named as the type: shared/jdbc/IdentifierColumns), with the index that finds the
-- contacts carrying it (V2's for the others). details: ContactEvent.details as a JSON object of texts; never personal
-- data, shown to agents as sent. Contacts stored before carried none: '{}'.
ALTER TABLE contact
    ADD COLUMN social_handle text,
    ADD COLUMN details       jsonb NOT NULL DEFAULT '{}';
CREATE INDEX contact_social_handle_idx ON contact (social_handle) WHERE social_handle IS NOT NULL;

-- contact has a history (V30, contact-history-service/docs/as-of.md): its history table and its view get the columns
-- too (as V34 did for consents). The versions kept before had neither.
ALTER TABLE contact_history
    ADD COLUMN social_handle text,
    ADD COLUMN details       jsonb NOT NULL DEFAULT '{}';
DROP VIEW as_of.contact;
SELECT as_of.keep_history('contact', 'contact_id');
