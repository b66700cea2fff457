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

    /**
     * Applies the action as a rebuild reads it again from agent.actions, into the shadow tables
     * (docs/identity-resolution-and-rebuild.md, "Rebuild"): with the same effect on what is kept, announcing nothing,
     * and deriving no follow-up tasks (the follow-up derives every customer after the switch). A rebuild applies the
     * actions after the contacts, so what an action keeps must not depend on when it is applied, only on its place in
     * event-time order; the refusals too.
     *
     * @throws ActionRefusedException as {@link #apply} would; nothing it did is kept
     */
    void replay(AgentAction action);
}
