package io.omnirouter.history.followup.application;

import java.util.UUID;

/** No task with this id. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(UUID taskId) {
        super("no task " + taskId);
    }
}
