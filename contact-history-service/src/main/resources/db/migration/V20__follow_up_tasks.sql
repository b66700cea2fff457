-- Follow-up tasks and SLA clocks (contact-history-service/docs/follow-up-policy.md). See io.omnirouter.history.followup.

-- The latest version of every task. Every version is also appended to follow_up_outbox and published to
-- followup.tasks, so this table holds the current state only.
CREATE TABLE follow_up_task (
    task_id              uuid        PRIMARY KEY,
    version              bigint      NOT NULL CHECK (version >= 1),
    customer_id          uuid        NOT NULL,
    type                 text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('OPEN', 'COMPLETED', 'CLOSED', 'SUPERSEDED')),
    trigger_contact_id   uuid        NOT NULL,
    thread_key           text        NOT NULL,
    trigger_channel      text        NOT NULL,
    created_at           timestamptz NOT NULL,
    due_at               timestamptz NOT NULL,
    priority             text        NOT NULL,
    queue                text        NOT NULL,
    escalation_tier      integer     NOT NULL,
    assignee             text,
    closed_at            timestamptz,
    closed_by_contact_id uuid,
    closed_late          boolean     NOT NULL,
    changed_at           timestamptz NOT NULL,
    change_reason        text        NOT NULL,
    -- When the clock next escalates the task (PromiseKeeping.nextEscalationAt); null when open at the top tier or done.
    next_escalation_at   timestamptz
);
CREATE INDEX follow_up_task_customer_idx ON follow_up_task (customer_id, created_at DESC) ;
CREATE INDEX follow_up_task_open_customer_idx ON follow_up_task (customer_id) WHERE status = 'OPEN';
-- The clock's work list.
CREATE INDEX follow_up_task_clock_idx ON follow_up_task (next_escalation_at) WHERE status = 'OPEN' AND next_escalation_at IS NOT NULL;
-- GET /api/tasks: newest first, by queue or assignee.
CREATE INDEX follow_up_task_created_idx ON follow_up_task (created_at DESC, task_id DESC);
CREATE INDEX follow_up_task_queue_idx ON follow_up_task (queue, created_at DESC) WHERE status = 'OPEN';
CREATE INDEX follow_up_task_assignee_idx ON follow_up_task (assignee, created_at DESC) WHERE assignee IS NOT NULL;

-- Agents marked absent (holiday, sick leave): tasks are not suggested to them while absent. A supervisor's
-- decision, not a projection of the log.
CREATE TABLE agent_absence (
    agent_id   text        PRIMARY KEY,
    from_time  timestamptz NOT NULL,
    until_time timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text,
    CHECK (from_time < until_time)
);

-- Transactional outbox: every task version, written in the transaction that changed the task, relayed to
-- followup.tasks (key: customer id) by one relay at a time and deleted once the Kafka transaction committed.
-- payload: the Avro io.omnirouter.followup.FollowUpTask in single-object encoding (FollowUpTask.toByteBuffer).
CREATE TABLE follow_up_outbox (
    seq         bigserial   PRIMARY KEY,
    task_id     uuid        NOT NULL,
    version     bigint      NOT NULL,
    customer_id uuid        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (task_id, version)
);

-- What drives the follow-up: contacts not yet applied to the tasks. Decoupled from ingest (it only inserts
-- contacts; the follow-up poller claims them), so neither slows nor breaks the other, and a crash between the
-- two loses nothing.
ALTER TABLE contact ADD COLUMN followup_applied boolean NOT NULL DEFAULT false;
-- Contacts stored before this migration are history, not promises still to keep: not applied again.
UPDATE contact SET followup_applied = true;
CREATE INDEX contact_followup_pending_idx ON contact (occurred_at, contact_id) WHERE NOT followup_applied;
