package io.omnirouter.history.shared.action.application;

import io.omnirouter.history.shared.action.model.ActionOutcome.Refusal;

/** An action that was published and then refused when applied: the API answers with its problem. */
public class RefusedActionException extends RuntimeException {

    private final Refusal refusal;

    public RefusedActionException(Refusal refusal) {
        super(refusal.detail());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
