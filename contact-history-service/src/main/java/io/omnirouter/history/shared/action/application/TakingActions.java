package io.omnirouter.history.shared.action.application;

import io.omnirouter.history.shared.action.model.ActionOutcome;
import io.omnirouter.history.shared.action.model.ActionOutcome.Status;
import io.omnirouter.history.shared.action.model.AgentAction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The one way an agent's or supervisor's action is taken: accepted (recorded as pending), published to
 * {@code agent.actions}, applied from there by whichever instance consumes it ({@link ApplyingActions}), and answered
 * once it is applied, so that the caller reads what it did (read-your-writes). When applying takes longer than the
 * configured wait, the caller gets {@link ActionPendingException} and polls the outcome instead.
 */
@Service
public class TakingActions {

    private final ActionLog log;
    private final ActionOutcomes outcomes;
    private final ActionProperties properties;
    private final Clock clock;

    public TakingActions(ActionLog log, ActionOutcomes outcomes, ActionProperties properties, Clock clock) {
        this.log = log;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    /** Who takes an action: the authenticated name and roles. */
    public record Actor(String name, List<String> roles) {
    }

    /**
     * Takes an action now and waits until it is applied.
     *
     * @param customerId the customer it is about, null if none (absences)
     * @throws RefusedActionException  if it was refused when applied (the task was done by then, …)
     * @throws ActionPendingException  if it was not applied within the configured wait; it will be
     */
    public void take(Actor actor, UUID customerId, String reason, AgentAction.Action action) {
        AgentAction taken = new AgentAction(UUID.randomUUID(), actor.name(), actor.roles(), clock.instant(), reason, customerId, action);
        outcomes.accepted(taken);
        try {
            log.publish(taken);
        } catch (RuntimeException e) {
            outcomes.notPublished(taken.actionId());
            throw e;
        }
        ActionOutcome outcome = awaitApplied(taken.actionId());
        if (outcome.status() == Status.REFUSED) {
            throw new RefusedActionException(outcome.refusal());
        }
    }

    /** The outcome of an action, for those who poll it. */
    public Optional<ActionOutcome> outcome(UUID actionId) {
        return outcomes.find(actionId);
    }

    private ActionOutcome awaitApplied(UUID actionId) {
        Instant deadline = clock.instant().plus(properties.applyWait());
        while (true) {
            Optional<ActionOutcome> outcome = outcomes.find(actionId);
            if (outcome.isPresent() && outcome.get().status() != Status.PENDING) {
                return outcome.get();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new ActionPendingException(actionId);
            }
            try {
                // Product code, not a test: Awaitility is a test library. The outcome is written by whichever instance
                // applies the action, so this instance can only look again; one primary-key read per poll interval.
                // (PostgreSQL LISTEN/NOTIFY could wake it instead; the poll keeps the outcome the one source of truth.)
                Thread.sleep(properties.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActionPendingException(actionId);
            }
        }
    }
}
