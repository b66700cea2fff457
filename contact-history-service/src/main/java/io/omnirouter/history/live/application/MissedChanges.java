package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LivePosition;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What a client resuming from its {@code Last-Event-ID} missed, read from the change log. */
@FunctionalInterface
public interface MissedChanges {

    /**
     * @param changes      the changes it missed, in position order
     * @param resumeAfter  the feed's changes after this position are the client's next ones
     * @param resyncReason null when {@code changes} are all it missed; else why they cannot be told, and the client
     *                     reloads what it shows
     */
    record Missed(List<LiveChange> changes, LivePosition resumeAfter, String resyncReason) {

        public Missed {
            changes = List.copyOf(changes);
            Objects.requireNonNull(resumeAfter, "resumeAfter");
        }

        public static Missed resync(LivePosition resumeAfter, String reason) {
            return new Missed(List.of(), resumeAfter, reason);
        }
    }

    /**
     * @param lastEventId the client's Last-Event-ID, as it sent it
     * @param upTo        the newest position the feed has published
     * @param limit       more missed changes than this are not told one by one (a resync instead)
     */
    Missed between(String lastEventId, LivePosition upTo, UUID customerId, int limit);
}
