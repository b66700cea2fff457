package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LivePosition;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where a client resumes, from the change log every instance shares: also on an instance other than the one it was
 * on, which may be gone. It cannot resume without a gap from a position pruned already, from one no change of this
 * database has, or when it missed more than its queue holds: it gets a resync then.
 */
@Component
class ResumingStreams implements MissedChanges {

    private final LiveChangeLog log;

    ResumingStreams(LiveChangeLog log) {
        this.log = log;
    }

    @Override
    public Missed between(String lastEventId, LivePosition upTo, UUID customerId, int limit) {
        Optional<LivePosition> parsed = LivePosition.parse(lastEventId);
        if (parsed.isEmpty()) {
            return Missed.resync(upTo, "Last-Event-ID is not a position of this stream");
        }
        LivePosition after = parsed.get();
        if (after.isAfter(upTo)) {
            // Another instance has published further than this one: its changes come here too, in a moment.
            return log.contains(after) ? new Missed(List.of(), after, null)
                    : Missed.resync(upTo, "Last-Event-ID is no change of this stream");
        }
        List<LiveChange> missed = log.readBetween(after, upTo, customerId, limit + 1);
        if (missed.size() > limit) {
            return Missed.resync(upTo, "more than " + limit + " changes were missed");
        }
        // After the read: a prune between the two could have taken changes the read did not see.
        if (log.horizon().isAfter(after)) {
            return Missed.resync(upTo, "the changes after Last-Event-ID are no longer kept");
        }
        return new Missed(missed, upTo, null);
    }
}
