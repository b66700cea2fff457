package io.omnirouter.history.shared.action.model;

import java.util.UUID;

/**
 * A domain event: an action was applied, or refused, once (a redelivery settles nothing again).
 *
 * @param customerId the customer it is about; null for absences
 * @param kind       the action's record name on agent.actions ({@code TaskCompleted}, {@code NoteAdded}, …)
 */
public record ActionSettled(UUID actionId, UUID customerId, String kind, ActionOutcome.Status status) {

    public static ActionSettled of(AgentAction action, boolean refused) {
        return new ActionSettled(action.actionId(), action.customerId(), action.action().getClass().getSimpleName(),
                refused ? ActionOutcome.Status.REFUSED : ActionOutcome.Status.APPLIED);
    }
}
