package io.omnirouter.history.followup.application;

import java.util.UUID;

/** The task is done (completed, closed or superseded): it cannot be completed or assigned any more. */
public class TaskNotOpenException extends RuntimeException {

    public TaskNotOpenException(UUID taskId, String status) {
        super("task " + taskId + " is " + status + ", not open");
    }
}
