package io.omnirouter.history.live.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.live.application.LiveChangeLog;
import io.omnirouter.history.live.application.MissedChanges;
import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LivePosition;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change log on the real PostgreSQL: a change is readable once its transaction committed and no older one is
 * still running (so a reader never passes a position behind which one could still appear), and pruning moves the
 * horizon, from before which nobody resumes.
 */
class JdbcLiveChangeLogIT extends HistoryIntegrationTest {

    @Autowired
    private LiveChangeLog changes;
    @Autowired
    private MissedChanges missed;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aChangeBehindARunningTransactionIsReadOnlyOnceThatOneEnded() throws Exception {
        UUID customer = UUID.randomUUID();
        LivePosition start = changes.newestReadable();
        CountDownLatch olderWrote = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        // The older transaction takes its id first, and commits last.
        CompletableFuture<Void> older = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            changes.append(List.of(entry(customer, "older")));
            olderWrote.countDown();
            await(mayCommit);
        }));
        assertThat(olderWrote.await(30, TimeUnit.SECONDS)).isTrue();
        new TransactionTemplate(transactions).executeWithoutResult(status -> changes.append(List.of(entry(customer, "younger"))));

        assertThat(ours(changes.readAfter(start, 1000), customer)).as("the younger one waits behind the running one").isEmpty();
        mayCommit.countDown();
        older.get(30, TimeUnit.SECONDS);

        List<LiveChange> read = ours(changes.readAfter(start, 1000), customer);
        assertThat(read).extracting(LiveChange::data).containsExactly("older", "younger");
        assertThat(read.get(1).position().isAfter(read.get(0).position())).isTrue();
        assertThat(changes.newestReadable()).isEqualTo(read.get(1).position());
    }

    @Test
    void aClientResumesFromAKeptPositionButNotFromAPrunedOneNorFromOneThatNeverWas() {
        UUID customer = UUID.randomUUID();
        changes.append(List.of(entry(customer, "first"), entry(customer, "second"), entry(UUID.randomUUID(), "someone else's")));
        List<LiveChange> kept = ours(changes.readAfter(LivePosition.START, 100_000), customer);
        LivePosition first = kept.get(0).position();
        LivePosition upTo = changes.newestReadable();

        MissedChanges.Missed afterFirst = missed.between(first.toString(), upTo, customer, 100);
        assertThat(afterFirst.resyncReason()).isNull();
        assertThat(afterFirst.changes()).extracting(LiveChange::data).containsExactly("second");
        assertThat(missed.between(first.toString(), upTo, customer, 0).resyncReason()).contains("more than 0 changes");
        assertThat(missed.between(new LivePosition(upTo.transaction() + 1_000_000, 1).toString(), upTo, customer, 100).resyncReason())
                .contains("no change of this stream");

        assertThat(changes.prune(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(3);
        assertThat(changes.horizon().compareTo(upTo)).isGreaterThanOrEqualTo(0);
        assertThat(missed.between(first.toString(), upTo, customer, 100).resyncReason()).contains("no longer kept");
    }

    private static LiveChangeLog.Entry entry(UUID customer, String data) {
        return new LiveChangeLog.Entry("test", Set.of(customer), data);
    }

    private static List<LiveChange> ours(List<LiveChange> read, UUID customer) {
        return read.stream().filter(change -> change.concerns(customer) && change.type().equals("test")).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
