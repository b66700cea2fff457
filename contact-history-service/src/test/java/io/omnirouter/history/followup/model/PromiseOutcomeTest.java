package io.omnirouter.history.followup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.contact.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromiseOutcomeTest {

    private static final Instant MADE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant DUE = MADE.plus(Duration.ofHours(2));

    @Test
    void anOpenPromiseIsPendingUntilItsDueTimeAndBrokenAfter() {
        FollowUpTask open = promise(TaskStatus.OPEN, false);

        assertThat(PromiseOutcome.of(open, MADE)).isEqualTo(PromiseOutcome.PENDING);
        assertThat(PromiseOutcome.of(open, DUE)).as("due now, not yet broken").isEqualTo(PromiseOutcome.PENDING);
        assertThat(PromiseOutcome.of(open, DUE.plusMillis(1))).isEqualTo(PromiseOutcome.BROKEN);
    }

    @Test
    void aFulfilledPromiseIsKeptOrKeptLateByWhenItWasFulfilledNotByWhenItIsAskedAbout() {
        for (TaskStatus done : new TaskStatus[] {TaskStatus.CLOSED, TaskStatus.COMPLETED}) {
            assertThat(PromiseOutcome.of(promise(done, false), DUE.plus(Duration.ofDays(9)))).isEqualTo(PromiseOutcome.KEPT);
            assertThat(PromiseOutcome.of(promise(done, true), MADE)).isEqualTo(PromiseOutcome.KEPT_LATE);
        }
    }

    @Test
    void onlyKeptAndKeptLateAreKept() {
        assertThat(java.util.Arrays.stream(PromiseOutcome.values()).filter(PromiseOutcome::isKept))
                .containsExactly(PromiseOutcome.KEPT, PromiseOutcome.KEPT_LATE);
    }

    @Test
    void aReplacedOrCancelledPromiseIsWithdrawnNeitherKeptNorBroken() {
        assertThat(PromiseOutcome.of(promise(TaskStatus.SUPERSEDED, false), DUE.plusSeconds(1))).isEqualTo(PromiseOutcome.WITHDRAWN);
        assertThat(PromiseOutcome.of(promise(TaskStatus.CANCELLED, false), DUE.plusSeconds(1))).isEqualTo(PromiseOutcome.WITHDRAWN);
    }

    @Test
    void onlyPromisedRepliesCallbacksAndCallSummariesArePromises() {
        assertThat(Promise.KINDS).containsExactlyInAnyOrder(TaskType.PROMISED_REPLY, TaskType.CALLBACK, TaskType.CALL_SUMMARY);
        FollowUpTask reply = task(TaskType.REPLY, TaskStatus.OPEN, false);
        assertThatThrownBy(() -> Promise.of(reply, MADE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsAddUpAndMadeIsTheirSum() {
        PromiseCounts counts = PromiseCounts.of(Map.of(PromiseOutcome.KEPT, 3L, PromiseOutcome.BROKEN, 1L));

        assertThat(counts).isEqualTo(new PromiseCounts(4, 3, 0, 1, 0, 0));
        assertThat(counts.plus(PromiseCounts.of(Map.of(PromiseOutcome.PENDING, 2L)))).isEqualTo(new PromiseCounts(6, 3, 0, 1, 2, 0));
        assertThatThrownBy(() -> new PromiseCounts(1, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static FollowUpTask promise(TaskStatus status, boolean late) {
        return task(TaskType.PROMISED_REPLY, status, late);
    }

    private static FollowUpTask task(TaskType type, TaskStatus status, boolean late) {
        boolean done = status == TaskStatus.CLOSED || status == TaskStatus.COMPLETED;
        return new FollowUpTask(UUID.randomUUID(), 1, UUID.randomUUID(), type, status, UUID.randomUUID(), "email:<t>",
                Channel.EMAIL, MADE, DUE, Priority.NORMAL, "general", 0, null,
                done ? (late ? DUE.plusSeconds(60) : DUE.minusSeconds(60)) : null, null, late, MADE, "test");
    }
}
