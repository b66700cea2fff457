package io.omnirouter.history.followup.application;

import io.omnirouter.history.shared.action.application.ActionRefusedException;
import java.util.UUID;

/** No task with this id. */
public class TaskNotFoundException extends ActionRefusedException {

    public TaskNotFoundException(UUID taskId) {
        super(404, "Task not found", "no task " + taskId);
    }
}
