package io.omnirouter.history.shared.action.application;

import java.util.UUID;

/** An action published but not applied within the configured wait: the API answers 202 with where to poll. */
public class ActionPendingException extends RuntimeException {

    private final UUID actionId;

    public ActionPendingException(UUID actionId) {
        super("action " + actionId + " is accepted and not applied yet");
        this.actionId = actionId;
    }

    public UUID actionId() {
        return actionId;
    }
}
