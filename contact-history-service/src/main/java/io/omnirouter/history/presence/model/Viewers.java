package io.omnirouter.history.presence.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is looking at one customer right now: each agent once, by name. An agent may be counted under several ids of the
 * customer for a moment (a heartbeat under a customer that was merged into this one since): their latest heartbeat
 * counts.
 *
 * @param customerId the customer as it is now (a merged id's survivor)
 */
public record Viewers(UUID customerId, List<Viewer> viewers) {

    public Viewers {
        viewers = List.copyOf(viewers);
    }

    /** The viewers seen under any id of the customer, each agent once with their latest heartbeat, ordered by agent id. */
    public static Viewers of(UUID customerId, Collection<Viewer> seen) {
        Map<String, Viewer> latest = new LinkedHashMap<>();
        for (Viewer viewer : seen) {
            latest.merge(viewer.agentId(), viewer, (a, b) -> a.seenAt().isAfter(b.seenAt()) ? a : b);
        }
        return new Viewers(customerId, latest.values().stream().sorted(Comparator.comparing(Viewer::agentId)).toList());
    }

    /** The others: everyone but this agent (what an agent's heartbeat answers). */
    public Viewers except(String agentId) {
        return new Viewers(customerId, viewers.stream().filter(viewer -> !viewer.agentId().equals(agentId)).toList());
    }
}
