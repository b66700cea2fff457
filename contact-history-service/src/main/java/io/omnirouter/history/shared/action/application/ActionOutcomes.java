package io.omnirouter.history.shared.action.application;

import io.omnirouter.history.shared.action.model.ActionOutcome;
import io.omnirouter.history.shared.action.model.ActionOutcome.Refusal;
import io.omnirouter.history.shared.action.model.AgentAction;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outcome of every action, in the database: every instance reads the same. */
public interface ActionOutcomes {

    /** Records an action as accepted (PENDING) before it is published, so that it can be polled for at once. */
    void accepted(AgentAction action);

    /** Forgets an accepted action that could not be published. */
    void notPublished(UUID actionId);

    /**
     * Locks the action's outcome for applying it (recording it first if it was published without being accepted
     * here, as in a rebuild), joining the caller's transaction.
     *
     * @return false if it was applied before (a redelivery): then it must not be applied again
     */
    boolean startApplying(AgentAction action);

    /** Records that the action was applied, or refused with {@code refusal}; joins the caller's transaction. */
    void applied(UUID actionId, Refusal refusal);

    Optional<ActionOutcome> find(UUID actionId);

    /** The ids of the actions taken about these customers (an erasure shreds their keys). */
    List<UUID> actionsAbout(Collection<UUID> customerIds);
}
