-- The customer a contact would have created: customer ids derive from the contact that created them
-- (IdentityResolution.newCustomerIdFor: a name-based UUID, version 3, of 'customer:' || contact_id). When
-- a contact that arrived late re-derives its component, a customer created by a contact that turns out
-- not to be first in event-time order stops existing; an id handed out for it (an API response, a
-- server-sent event) still answers with the customer that now holds that contact.
ALTER TABLE contact ADD COLUMN origin_customer_id uuid;

-- The same derivation as the Java one, for the rows stored so far: MD5, then version 3 and the IETF variant.
UPDATE contact
   SET origin_customer_id = (
       SELECT overlay(overlay(h PLACING '3' FROM 13 FOR 1)
                      PLACING to_hex((('x' || substr(h, 17, 1))::bit(4)::int & 3) | 8) FROM 17 FOR 1)::uuid
         FROM (SELECT md5('customer:' || contact_id::text) AS h) AS digest);

ALTER TABLE contact ALTER COLUMN origin_customer_id SET NOT NULL;
CREATE INDEX contact_origin_customer_idx ON contact (origin_customer_id);
