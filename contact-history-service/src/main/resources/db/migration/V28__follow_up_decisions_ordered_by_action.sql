-- Agents' decisions taken at the same instant are applied in the order of their action ids, not of their arrival
-- (seq): the order is then the log's, and a rebuild from agent.actions gives the same tasks. Applying an action again
-- (a redelivery) records nothing new. Decisions older than the action log get an id derived from their seq, so they
-- keep their relative order only where their times differ, which is where it mattered.
ALTER TABLE follow_up_decision ADD COLUMN action_id uuid;
UPDATE follow_up_decision SET action_id = md5('follow_up_decision:' || seq)::uuid;
ALTER TABLE follow_up_decision ALTER COLUMN action_id SET NOT NULL;
ALTER TABLE follow_up_decision ADD CONSTRAINT follow_up_decision_action_key UNIQUE (action_id);
