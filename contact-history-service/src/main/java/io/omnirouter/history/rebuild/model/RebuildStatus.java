package io.omnirouter.history.rebuild.model;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the rebuild of the projections stands, as the database holds it: the same on every instance.
 *
 * @param rebuildId        the rebuild; null if none ever ran
 * @param runningOn        the instance that runs it now, or ran it last
 * @param resumptions      how often it was resumed after the instance running it was lost
 * @param recordsRead      contact.events and agent.actions records read so far (after a resumption, the chunk of
 *                         contacts in hand when the instance was lost may be counted twice; applying it twice changes
 *                         nothing)
 * @param contactsRecorded contacts stored into the rebuilt tables
 * @param actionsApplied   actions applied to the rebuilt tables
 * @param actionsRefused   actions refused as they were when first applied (the task was done by then, …)
 * @param recordsSkipped   records that are not valid ContactEvents or AgentActions, or whose contacts the database
 *                         refuses even on their own (they were dead-lettered when first consumed)
 * @param failure          why it failed; null unless FAILED
 */
public record RebuildStatus(UUID rebuildId, State state, Instant startedAt, Instant finishedAt, String runningOn, int resumptions,
                            long recordsRead, long contactsRecorded, long actionsApplied, long actionsRefused, long recordsSkipped,
                            String failure) {

    public enum State { NEVER_RUN, RUNNING, SUCCEEDED, FAILED }

    public static final RebuildStatus NEVER_RUN = new RebuildStatus(null, State.NEVER_RUN, null, null, null, 0, 0, 0, 0, 0, 0, null);

    public boolean running() {
        return state == State.RUNNING;
    }
}
