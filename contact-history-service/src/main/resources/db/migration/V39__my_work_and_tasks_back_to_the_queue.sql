-- "My work" and the queue views (issue 14, item 3; contact-history-service/docs/follow-up-policy.md, "Claiming,
-- handing over, giving back"):
--
-- An agent may give a task back to its queue (AgentAction TaskReleased, v4): a decision of its own kind, kept and
-- re-applied in order like assignments and completions.
ALTER TABLE follow_up_decision DROP CONSTRAINT follow_up_decision_kind_check;
ALTER TABLE follow_up_decision ADD CONSTRAINT follow_up_decision_kind_check CHECK (kind IN ('ASSIGN', 'COMPLETE', 'RELEASE'));

-- GET /api/tasks?status=OPEN&order=DUE: soonest due first, overdue leading, by keyset on (due_at, task_id). An agent's
-- own work (assignee = me), a queue's view (queue = q) and the tasks nobody has (assignee IS NULL) are each one index
-- range read in order, never a sort of every open task.
CREATE INDEX follow_up_task_open_due_idx ON follow_up_task (due_at, task_id) WHERE status = 'OPEN';
CREATE INDEX follow_up_task_open_assignee_due_idx ON follow_up_task (assignee, due_at, task_id) WHERE status = 'OPEN';
CREATE INDEX follow_up_task_open_queue_due_idx ON follow_up_task (queue, due_at, task_id) WHERE status = 'OPEN';
