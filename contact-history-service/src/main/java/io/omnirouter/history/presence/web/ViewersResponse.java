package io.omnirouter.history.presence.web;

import io.omnirouter.history.presence.model.Viewers;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is looking at a customer, as {@code /api/customers/{customerId}/viewers} answers.
 *
 * @param customerId              the customer as it is now (for a merged id, the survivor's)
 * @param viewers                 by agent id; a heartbeat answers the others only
 * @param heartbeatIntervalMillis how often a console showing the customer should send its heartbeat
 * @param ttlMillis               a viewer whose last heartbeat is older than this is no longer counted
 */
record ViewersResponse(UUID customerId, List<ViewerResponse> viewers, long heartbeatIntervalMillis, long ttlMillis) {

    /** @param seenAt their last heartbeat (the database's clock) */
    record ViewerResponse(@Schema(description = "the agent's user name") String agentId, Instant seenAt) {
    }

    static ViewersResponse of(Viewers viewers, long heartbeatIntervalMillis, long ttlMillis) {
        return new ViewersResponse(viewers.customerId(),
                viewers.viewers().stream().map(viewer -> new ViewerResponse(viewer.agentId(), viewer.seenAt())).toList(),
                heartbeatIntervalMillis, ttlMillis);
    }
}
