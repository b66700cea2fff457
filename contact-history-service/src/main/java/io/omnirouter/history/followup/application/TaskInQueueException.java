package io.omnirouter.history.followup.application;

import io.omnirouter.history.shared.action.application.ActionRefusedException;
import java.util.UUID;

/** The task is nobody's already, in its queue: there is nothing to give back. */
public class TaskInQueueException extends ActionRefusedException {

    public TaskInQueueException(UUID taskId, String queue) {
        super(409, "Task already in its queue", "task " + taskId + " is assigned to nobody, in queue " + queue);
    }
}
