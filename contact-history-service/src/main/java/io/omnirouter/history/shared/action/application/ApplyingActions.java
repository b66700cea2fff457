package io.omnirouter.history.shared.action.application;

import io.omnirouter.history.shared.action.model.ActionOutcome.Refusal;
import io.omnirouter.history.shared.action.model.ActionSettled;
import io.omnirouter.history.shared.event.DomainEvents;
import io.omnirouter.history.shared.action.model.AgentAction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies an action read from {@code agent.actions}, once: in one transaction with its outcome, by the handler of its
 * kind. A refused action ({@link ActionRefusedException}) changes nothing but its outcome, which says why. Any other
 * failure propagates, and the caller retries.
 */
@Service
public class ApplyingActions {

    private static final Logger log = LoggerFactory.getLogger(ApplyingActions.class);

    private final Map<Class<? extends AgentAction.Action>, ActionHandler> handlers = new HashMap<>();
    private final ActionOutcomes outcomes;
    private final DomainEvents events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;

    public ApplyingActions(List<ActionHandler> handlers, ActionOutcomes outcomes, DomainEvents events,
                           PlatformTransactionManager transactionManager) {
        for (ActionHandler handler : handlers) {
            for (Class<? extends AgentAction.Action> kind : handler.kinds()) {
                ActionHandler other = this.handlers.put(kind, handler);
                if (other != null) {
                    throw new IllegalStateException(kind.getSimpleName() + " has two handlers: " + other.getClass().getSimpleName()
                            + " and " + handler.getClass().getSimpleName());
                }
            }
        }
        List<String> missing = Arrays.stream(AgentAction.Action.class.getPermittedSubclasses())
                .filter(kind -> !this.handlers.containsKey(kind)).map(Class::getSimpleName).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no ActionHandler applies " + missing);
        }
        this.outcomes = outcomes;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoints = new TransactionTemplate(transactionManager);
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** @return whether it was applied now (false: it had been before) */
    public boolean apply(AgentAction action) {
        ActionHandler handler = handlers.get(action.action().getClass());
        Refusal refusal;
        try {
            Boolean applied = transactions.execute(status -> {
                if (!outcomes.startApplying(action)) {
                    return false;
                }
                handler.apply(action);
                outcomes.applied(action.actionId(), null);
                events.publish(ActionSettled.of(action, false));
                return true;
            });
            return Boolean.TRUE.equals(applied);
        } catch (ActionRefusedException e) {
            refusal = e.refusal();
        }
        Refusal refused = refusal;
        Boolean recorded = transactions.execute(status -> {
            if (!outcomes.startApplying(action)) {
                return false;
            }
            outcomes.applied(action.actionId(), refused);
            events.publish(ActionSettled.of(action, true));
            return true;
        });
        log.info("{} refused: {} {}", action, refused.httpStatus(), refused.title());
        return Boolean.TRUE.equals(recorded);
    }

    /**
     * Replays an action a rebuild read again from agent.actions, in the caller's transaction (the rebuild's, on its
     * shadow tables), with its handler's {@link ActionHandler#replay}. A refusal rolls back only this action's work (a
     * savepoint). Outcomes are the live applying's, not the rebuild's, except with {@code settle}: in the switch, an
     * action whose outcome is still pending (or was never recorded) is settled here, since the tables it was replayed
     * into become the live ones, and the live consumer that gets to it next finds it applied.
     *
     * @return whether it was applied (false: refused)
     */
    public boolean replay(AgentAction action, boolean settle) {
        ActionHandler handler = handlers.get(action.action().getClass());
        Refusal refusal = null;
        try {
            savepoints.executeWithoutResult(status -> handler.replay(action));
        } catch (ActionRefusedException e) {
            refusal = e.refusal();
        }
        if (settle && outcomes.startApplying(action)) {
            outcomes.applied(action.actionId(), refusal);
        }
        return refusal == null;
    }
}
