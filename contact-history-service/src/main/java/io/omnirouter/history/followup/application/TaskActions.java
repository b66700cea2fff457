package io.omnirouter.history.followup.application;

import io.omnirouter.history.followup.model.TaskDecision;
import io.omnirouter.history.shared.action.application.ActionHandler;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.model.AgentAction.AbsenceEnded;
import io.omnirouter.history.shared.action.model.AgentAction.AbsenceSet;
import io.omnirouter.history.shared.action.model.AgentAction.TaskAssigned;
import io.omnirouter.history.shared.action.model.AgentAction.TaskCompleted;
import io.omnirouter.history.shared.action.model.AgentAction.TaskReleased;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Applies the follow-up's actions from agent.actions: completions, assignments, releases and absences, at the action's time. */
@Service
public class TaskActions implements ActionHandler {

    private final KeepingPromises keeping;

    public TaskActions(KeepingPromises keeping) {
        this.keeping = keeping;
    }

    @Override
    public Set<Class<? extends AgentAction.Action>> kinds() {
        return Set.of(TaskCompleted.class, TaskAssigned.class, TaskReleased.class, AbsenceSet.class, AbsenceEnded.class);
    }

    @Override
    public void apply(AgentAction action) {
        if (action.action() instanceof TaskCompleted completed) {
            keeping.complete(action.actionId(), completed.taskId(), action.actor(), action.occurredAt());
        } else if (action.action() instanceof TaskAssigned assigned) {
            keeping.assign(action.actionId(), assigned.taskId(), assigned.assignee(), action.occurredAt());
        } else if (action.action() instanceof TaskReleased released) {
            keeping.release(action.actionId(), released.taskId(), action.actor(), action.occurredAt());
        } else if (action.action() instanceof AbsenceSet absence) {
            keeping.markAbsent(absence.agentId(), absence.from(), absence.until(), action.actor(), action.occurredAt());
        } else if (action.action() instanceof AbsenceEnded ended) {
            keeping.clearAbsence(ended.agentId());
        } else {
            throw new IllegalArgumentException("not a follow-up action: " + action);
        }
    }

    @Override
    public void replay(AgentAction action) {
        if (action.action() instanceof TaskCompleted completed) {
            keeping.replayDecision(action.actionId(), completed.taskId(), TaskDecision.Kind.COMPLETE, action.actor(), action.occurredAt());
        } else if (action.action() instanceof TaskAssigned assigned) {
            keeping.replayDecision(action.actionId(), assigned.taskId(), TaskDecision.Kind.ASSIGN, assigned.assignee(), action.occurredAt());
        } else if (action.action() instanceof TaskReleased released) {
            keeping.replayDecision(action.actionId(), released.taskId(), TaskDecision.Kind.RELEASE, action.actor(), action.occurredAt());
        } else {
            // Absences change no task by themselves: they are read when tasks are derived.
            apply(action);
        }
    }
}
