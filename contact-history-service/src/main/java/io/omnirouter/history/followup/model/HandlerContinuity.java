package io.omnirouter.history.followup.model;

import java.util.Set;

/**
 * A new task is suggested to the agent who last handled the customer, so the customer does not have to
 * start over with someone new; unless that agent is absent (holiday, sick leave), then it goes to the queue.
 *
 * @param lastHandler  the agent of the customer's latest contact handled by an agent at or before the trigger in
 *                     event time (the trigger included), or null
 * @param absentAgents agents currently marked absent
 */
public record HandlerContinuity(String lastHandler, Set<String> absentAgents) {

    public HandlerContinuity {
        absentAgents = Set.copyOf(absentAgents);
    }

    /** The agent to suggest, or null for "whoever takes it from the queue". */
    public String suggestedAgent() {
        return lastHandler == null || absentAgents.contains(lastHandler) ? null : lastHandler;
    }
}
