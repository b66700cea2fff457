package io.omnirouter.history.followup.application;

import io.omnirouter.history.shared.action.application.ActionRefusedException;
import java.util.UUID;

/** The task is done (completed, closed or superseded): it cannot be completed or assigned any more. */
public class TaskNotOpenException extends ActionRefusedException {

    public TaskNotOpenException(UUID taskId, String status) {
        super(409, "Task not open", "task " + taskId + " is " + status + ", not open");
    }
}
