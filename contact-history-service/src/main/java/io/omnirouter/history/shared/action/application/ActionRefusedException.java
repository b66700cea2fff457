package io.omnirouter.history.shared.action.application;

import io.omnirouter.history.shared.action.model.ActionOutcome.Refusal;

/**
 * An action that cannot be applied as asked (its task is unknown or done, say): applying it changes nothing, and the
 * refusal is kept as its outcome, so that the API answers with the problem and a rebuild refuses it alike. A feature's
 * exceptions of this kind say which HTTP status and title the API answers with. Their messages name ids, never text
 * an agent or customer typed.
 */
public abstract class ActionRefusedException extends RuntimeException {

    private final int httpStatus;
    private final String title;

    protected ActionRefusedException(int httpStatus, String title, String detail) {
        super(detail);
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public Refusal refusal() {
        return new Refusal(httpStatus, title, getMessage());
    }
}
