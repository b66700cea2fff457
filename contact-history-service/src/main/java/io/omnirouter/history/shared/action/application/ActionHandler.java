package io.omnirouter.history.shared.action.application;

import io.omnirouter.history.shared.action.model.AgentAction;
import java.util.Set;

/**
 * Applies the actions of some kinds to the feature that owns them (the follow-up applies task actions and absences).
 * Every kind of {@link AgentAction.Action} has exactly one handler; a service missing one does not start.
 */
public interface ActionHandler {

    /** The kinds of action this handler applies. */
    Set<Class<? extends AgentAction.Action>> kinds();

    /**
     * Applies the action at its time ({@link AgentAction#occurredAt}), joining the caller's transaction.
     *
     * @throws ActionRefusedException if it cannot be applied as asked; nothing it did is kept
     */
    void apply(AgentAction action);
}
