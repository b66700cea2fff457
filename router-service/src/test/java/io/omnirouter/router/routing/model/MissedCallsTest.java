package io.omnirouter.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MissedCallsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MissedCalls missedCalls = new MissedCalls();

    @Test
    void keepsEachCustomersLatestMissedCallByWhenItHappenedNotByWhenItArrived() {
        MissedCall earlier = new MissedCall("call-1", "phone:call-1", T0);
        MissedCall later = new MissedCall("call-2", "phone:call-2", T0.plusSeconds(60));

        missedCalls.note("ana", later);
        missedCalls.note("ana", earlier); // arrived late

        assertThat(missedCalls.latestOf("ana")).contains(later);
        assertThat(missedCalls.latestOf("bojan")).isEmpty();
    }

    @Test
    void aMissedCallNotedAgainChangesNothing() {
        MissedCall call = new MissedCall("call-1", "phone:call-1", T0);

        missedCalls.note("ana", call);
        missedCalls.note("ana", call);

        assertThat(missedCalls.latestOf("ana")).contains(call);
        assertThat(missedCalls.size()).isEqualTo(1);
    }

    @Test
    void forgetsTheMissedCallsBeforeTheCutoff() {
        missedCalls.note("ana", new MissedCall("call-1", "phone:call-1", T0));
        missedCalls.note("bojan", new MissedCall("call-2", "phone:call-2", T0.plusSeconds(1)));

        missedCalls.forgetBefore(T0.plusSeconds(1));

        assertThat(missedCalls.latestOf("ana")).isEmpty();
        assertThat(missedCalls.latestOf("bojan")).isPresent();
    }
}
