package io.omnirouter.history.followup.model;

import java.util.Set;

/**
 * A new task is suggested to the agent who last handled the customer, so the customer does not have to
 * start over with someone new; unless that agent is absent (holiday, sick leave), then it goes to the queue.
 *
 * @param lastHandler  the agent of the customer's most recent contact handled by an agent, or null
 * @param absentAgents agents currently marked absent
 */
public record HandlerContinuity(String lastHandler, Set<String> absentAgents) {

    public static final HandlerContinuity NONE = new HandlerContinuity(null, Set.of());

    public HandlerContinuity {
        absentAgents = Set.copyOf(absentAgents);
    }

    /** The agent to suggest, or null for "whoever takes it from the queue". */
    public String suggestedAgent() {
        return lastHandler == null || absentAgents.contains(lastHandler) ? null : lastHandler;
    }
}
