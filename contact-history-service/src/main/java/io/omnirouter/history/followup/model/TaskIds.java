package io.omnirouter.history.followup.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Task ids are derived from the rule and the trigger, so replays and rebuilds never duplicate a task. */
public final class TaskIds {

    private TaskIds() {
    }

    public static UUID of(TaskType type, UUID triggerContactId) {
        return UUID.nameUUIDFromBytes(("task:" + type + ":" + triggerContactId).getBytes(StandardCharsets.UTF_8));
    }
}
