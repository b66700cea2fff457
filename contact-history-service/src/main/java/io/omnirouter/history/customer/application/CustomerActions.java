package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.shared.action.application.ActionHandler;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.model.AgentAction.MergeUndone;
import io.omnirouter.history.shared.action.model.AgentAction.SharedIdentifierCleared;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Applies the identity actions from agent.actions at the action's time: a supervisor's unmerge or clearing of a shared identifier. */
@Service
public class CustomerActions implements ActionHandler {

    private final UnmergingCustomers unmerging;
    private final ClearingSharedIdentifiers clearing;

    public CustomerActions(UnmergingCustomers unmerging, ClearingSharedIdentifiers clearing) {
        this.unmerging = unmerging;
        this.clearing = clearing;
    }

    @Override
    public Set<Class<? extends AgentAction.Action>> kinds() {
        return Set.of(MergeUndone.class, SharedIdentifierCleared.class);
    }

    @Override
    public void apply(AgentAction action) {
        apply(action, true);
    }

    /** The same decisions, announcing nothing. */
    @Override
    public void replay(AgentAction action) {
        apply(action, false);
    }

    private void apply(AgentAction action, boolean announce) {
        if (action.customerId() == null) {
            throw new CustomerNotFoundException(null);
        }
        if (action.action() instanceof MergeUndone undone) {
            unmerging.unmerge(action.customerId(), undone.mergeId(), action.actor(), action.occurredAt(), announce);
        } else if (action.action() instanceof SharedIdentifierCleared cleared) {
            clearing.clear(action.customerId(), new Identifier(cleared.type(), cleared.value()), action.actionId(), action.actor(),
                    action.occurredAt(), announce);
        } else {
            throw new IllegalArgumentException("not an identity action: " + action);
        }
    }
}
