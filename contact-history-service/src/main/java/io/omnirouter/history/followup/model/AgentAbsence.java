package io.omnirouter.history.followup.model;

import java.time.Instant;

/** An agent away (holiday, sick leave) from {@code from} (inclusive) until {@code until} (exclusive). */
public record AgentAbsence(String agentId, Instant from, Instant until) {

    public boolean covers(Instant at) {
        return !from.isAfter(at) && at.isBefore(until);
    }
}
