-- Customers and their unified contact history (contact-history-service/docs/identity-resolution-and-rebuild.md). Every row here is a projection of
-- contact.events: it can be rebuilt from the log, so nothing in it is the only copy of anything.

CREATE TABLE customer (
    customer_id      uuid        PRIMARY KEY,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- Event time (ContactEvent.occurredAt) of the customer's earliest and latest contact. The earliest
    -- decides which customer survives a merge, so it must be event time, never processing time.
    first_contact_at timestamptz NOT NULL,
    last_contact_at  timestamptz NOT NULL,
    CHECK (first_contact_at <= last_contact_at)
    -- Merges (next step) add merged_into/merged_at here and a customer_merge table with the cause;
    -- contacts keep their own identifiers (below), so an unmerge can re-derive both customers.
);

-- An identifier belongs to at most one customer: the primary key is the identifier itself.
CREATE TABLE customer_identifier (
    type          text        NOT NULL CHECK (type IN ('PHONE', 'EMAIL', 'SHOP_CUSTOMER_ID', 'CHAT_VISITOR_ID')),
    value         text        NOT NULL,
    customer_id   uuid        NOT NULL REFERENCES customer (customer_id),
    -- A shared identifier (a switchboard number, a family address) stays with its customer but is no
    -- longer used to link contacts to customers (contact-history-service/docs/identity-resolution-and-rebuild.md).
    shared        boolean     NOT NULL DEFAULT false,
    -- Event time of the contact that first carried it.
    first_seen_at timestamptz NOT NULL,
    PRIMARY KEY (type, value)
);

CREATE INDEX customer_identifier_customer_idx ON customer_identifier (customer_id);

-- One row per ContactEvent, keyed by its deterministic contactId so redeliveries are no-ops.
CREATE TABLE contact (
    contact_id            uuid        PRIMARY KEY,
    customer_id           uuid        NOT NULL REFERENCES customer (customer_id),
    source_event_id       text        NOT NULL,
    source                text        NOT NULL,
    tenant                text,
    channel               text        NOT NULL,
    direction             text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    kind                  text        NOT NULL,
    occurred_at           timestamptz NOT NULL,
    routed_at             timestamptz NOT NULL,
    -- The identifiers the event carried (normalized by the router): the input of identity resolution,
    -- kept so that merges can be undone and customers re-derived without re-reading the log.
    phone                 text,
    email                 text,
    shop_customer_id      text,
    chat_visitor_id       text,
    customer_name         text,
    language              text,
    thread_key            text        NOT NULL,
    channel_ref           text        NOT NULL,
    subject               text,
    text                  text,
    text_truncated        boolean     NOT NULL,
    agent_id              text,
    intent                text        NOT NULL,
    priority              text        NOT NULL,
    queue                 text        NOT NULL,
    segment               text,
    call_outcome          text,
    duration_seconds      integer,
    callback_requested_at timestamptz,
    in_reply_to           text,
    attachment_names      text[]      NOT NULL,
    promised_reply_by     timestamptz,
    chat_author           text,
    resolved              boolean,
    rating                integer,
    order_id              text,
    amount_minor          bigint,
    currency              text,
    warnings              text[]      NOT NULL,
    recorded_at           timestamptz NOT NULL DEFAULT now()
);

-- Declared in the timeline query's order (newest first, contact id as tie-breaker) so PostgreSQL reads
-- a page straight off the index without a sort step.
CREATE INDEX contact_timeline_idx ON contact (customer_id, occurred_at DESC, contact_id DESC);
-- One conversation, oldest first.
CREATE INDEX contact_thread_idx ON contact (customer_id, thread_key, occurred_at);
