package io.omnirouter.history.customer.application;

import io.omnirouter.history.shared.action.application.ActionHandler;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.model.AgentAction.MergeUndone;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Applies the identity actions from agent.actions: a supervisor's unmerge, at the action's time. */
@Service
public class CustomerActions implements ActionHandler {

    private final UnmergingCustomers unmerging;

    public CustomerActions(UnmergingCustomers unmerging) {
        this.unmerging = unmerging;
    }

    @Override
    public Set<Class<? extends AgentAction.Action>> kinds() {
        return Set.of(MergeUndone.class);
    }

    @Override
    public void apply(AgentAction action) {
        if (!(action.action() instanceof MergeUndone undone)) {
            throw new IllegalArgumentException("not an identity action: " + action);
        }
        if (action.customerId() == null) {
            throw new CustomerNotFoundException(null);
        }
        unmerging.unmerge(action.customerId(), undone.mergeId(), action.actor(), action.occurredAt());
    }
}
