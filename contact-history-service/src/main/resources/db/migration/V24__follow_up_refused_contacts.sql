-- Contacts whose follow-up PostgreSQL refuses even on their own (KeepingPromises.applyPendingContacts): a value of
-- theirs breaks a constraint or a limit of the task tables. They are taken off followup_pending and recorded here,
-- with the SQLState and the kind of problem (never the value), so that they no longer block the contacts queued
-- behind them; deriving a customer's tasks leaves them out. Removed with their contact (a rebuild applies them anew).
CREATE TABLE follow_up_refused_contact (
    contact_id uuid        PRIMARY KEY REFERENCES contact (contact_id) ON DELETE CASCADE,
    sql_state  text        NOT NULL,
    problem    text        NOT NULL,
    refused_at timestamptz NOT NULL DEFAULT now()
);
