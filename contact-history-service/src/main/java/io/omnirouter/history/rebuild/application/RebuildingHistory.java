package io.omnirouter.history.rebuild.application;

import io.omnirouter.history.contact.application.IsolatingRefusedContacts;
import io.omnirouter.history.contact.application.IsolatingRefusedContacts.Outcome;
import io.omnirouter.history.contact.application.RecordingContacts;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.rebuild.application.HistoryLog.Chunk;
import io.omnirouter.history.rebuild.application.RebuildRuns.Progress;
import io.omnirouter.history.rebuild.model.RebuildStatus;
import io.omnirouter.history.shared.action.application.ApplyingActions;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.support.instance.InstanceProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the projections from the log, contact.events and agent.actions from offset 0 (the same log always produces
 * the same history), cluster-wide one at a time, without ever showing half a history
 * (docs/identity-resolution-and-rebuild.md, "Rebuild"):
 * <ol>
 *   <li>{@link #start} records the rebuild in the database (409 if one runs anywhere); whichever instance claims it
 *       first runs it, and every instance answers the same status;</li>
 *   <li>it creates the shadow tables, records every contact of the log into them with the same code as live ingest
 *       (announcing nothing), then applies every action with the same handlers as live (replaying: announcing
 *       nothing, deriving no task), saving after each poll how far it got; live ingest, the actions, the follow-up and
 *       the API go on with the live tables meanwhile;</li>
 *   <li>caught up, it switches in one transaction: the live projections locked, the last records of both topics
 *       applied to the shadow, the shadow tables put in the live ones' place. The follow-up then derives every
 *       customer's tasks again (a task the log leaves as it was gets no new version).</li>
 * </ol>
 * Contacts first, then actions: what an action keeps depends on its place in event-time order, not on what was
 * applied before it (docs/agent-actions.md, "Rebuilding from the log").
 * An instance lost half-way (a {@code kill -9}) loses the claim with its database session; every instance looks for
 * such a rebuild every {@code claim-interval} and the first to claim it resumes from the saved progress. Applying a
 * chunk twice changes nothing, because recording a stored contact again is recognised as stored.
 */
@Service
public class RebuildingHistory {

    private static final Logger logger = LoggerFactory.getLogger(RebuildingHistory.class);
    /** Attempts at one poll's contacts, and at the switch, when PostgreSQL aborts a transaction to break a deadlock. */
    private static final int ATTEMPTS = 5;

    private final HistoryLog log;
    private final ShadowProjections shadow;
    private final RebuildRuns runs;
    private final IsolatingRefusedContacts isolating;
    private final RecordingContacts recording;
    private final ApplyingActions applying;
    private final RebuildProperties properties;
    private final String instance;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "history-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public RebuildingHistory(HistoryLog log, ShadowProjections shadow, RebuildRuns runs, IsolatingRefusedContacts isolating,
                             RecordingContacts recording, ApplyingActions applying, RebuildProperties properties,
                             InstanceProperties instance, Clock clock, PlatformTransactionManager transactions) {
        this.log = log;
        this.shadow = shadow;
        this.runs = runs;
        this.isolating = isolating;
        this.recording = recording;
        this.applying = applying;
        this.properties = properties;
        this.instance = instance.id();
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @PostConstruct
    void lookForOrphans() {
        long every = properties.claimInterval().toMillis();
        runner.scheduleWithFixedDelay(this::claimAndRun, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a rebuild: recorded at once, run in the background by this instance (or another that claims it first).
     *
     * @return its status, RUNNING
     * @throws RebuildAlreadyRunningException if one is running on any instance
     */
    public RebuildStatus start() {
        RebuildRuns.Lease lease = runs.start(clock.instant(), instance, shadow.schemaVersion());
        runner.execute(() -> {
            running.set(true);
            try {
                run(lease);
            } finally {
                running.set(false);
            }
        });
        return runs.current();
    }

    /** The running or last rebuild, as the database has it: the same on every instance. */
    public RebuildStatus status() {
        return runs.current();
    }

    private void claimAndRun() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            runs.claim(instance).ifPresent(this::run);
        } catch (RuntimeException e) {
            // The database away, most likely: the next look tries again.
            logger.warn("Looking for a rebuild to run failed: {}", e.toString());
        } finally {
            running.set(false);
        }
    }

    private void run(RebuildRuns.Lease lease) {
        UUID rebuildId = lease.rebuildId();
        try (lease) {
            if (lease.resumes() && shadow.exist()) {
                logger.info("Resuming rebuild {} of the history from its saved progress", rebuildId);
            } else {
                logger.info("Rebuild {} of the history from contact.events and agent.actions offset 0 started", rebuildId);
                shadow.create();
            }
            long read;
            do {
                read = log.readContacts(shadow.progress(log.contactsTopic()), chunk -> record(rebuildId, chunk));
            } while (read > properties.switchBehindBy());
            do {
                read = log.readActions(shadow.progress(log.actionsTopic()), chunk -> replay(rebuildId, chunk, false));
            } while (read > properties.switchBehindBy());
            String schemaVersion = runs.schemaVersionOf(rebuildId);
            retrying(() -> {
                shadow.switchOver(schemaVersion, () -> {
                    log.readContacts(shadow.progress(log.contactsTopic()), chunk -> recordWhileSwitching(rebuildId, chunk));
                    log.readActions(shadow.progress(log.actionsTopic()), chunk -> replay(rebuildId, chunk, true));
                });
                return null;
            });
            runs.succeeded(rebuildId, clock.instant());
            dropLeftovers(rebuildId);
            RebuildStatus done = runs.current();
            logger.info("Rebuild {} succeeded: {} records read, {} contacts recorded, {} actions applied, {} refused, {} records skipped"
                    + " (invalid or refused by the database)", rebuildId, done.recordsRead(), done.contactsRecorded(), done.actionsApplied(),
                    done.actionsRefused(), done.recordsSkipped());
        } catch (RuntimeException e) {
            if (stopping.get()) {
                logger.info("Rebuild {} interrupted by this instance's shutdown; another instance (or this one, restarted) resumes it",
                        rebuildId);
                return;
            }
            runs.failed(rebuildId, clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage());
            logger.error("Rebuild {} failed; start it again once the cause is fixed", rebuildId, e);
        }
    }

    /** One poll's contacts into the shadow tables, isolating those the database refuses; then the progress. */
    private void record(UUID rebuildId, Chunk<Contact> chunk) {
        shadow.inShadow(() -> {
            Outcome<Contact> replayed = retrying(() -> isolating.replay(chunk.items(), Function.identity()));
            // Ids and SQLStates only: the contacts' content is personal data.
            replayed.refused().forEach(refusal -> logger.warn("Rebuild: {} skipped, the database refuses it (SQLState {}); it is on contact.events.DLT",
                    refusal.item(), refusal.fault().sqlState()));
            return transaction.execute(status -> {
                shadow.saveProgress(log.contactsTopic(), chunk.nextOffsets());
                runs.progressed(rebuildId, Progress.ofContacts(chunk.recordsRead(), replayed.recorded(),
                        chunk.recordsSkipped() + replayed.refused().size()));
                return null;
            });
        });
    }

    /**
     * The last records, inside the switch's transaction (it holds the live projections): a contact the database
     * refuses fails the switch, which is then tried again after a catch-up that isolates it.
     */
    private void recordWhileSwitching(UUID rebuildId, Chunk<Contact> chunk) {
        int recorded = recording.replay(chunk.items());
        shadow.saveProgress(log.contactsTopic(), chunk.nextOffsets());
        runs.progressed(rebuildId, Progress.ofContacts(chunk.recordsRead(), recorded, chunk.recordsSkipped()));
    }

    /**
     * One poll's actions into the shadow tables, in log order, with the progress in the same transaction: a poll is
     * applied once, even across a crash. In the switch ({@code settle}), the outcomes still pending are settled too.
     */
    private void replay(UUID rebuildId, Chunk<AgentAction> chunk, boolean settle) {
        Runnable work = () -> {
            long applied = chunk.items().stream().filter(action -> applying.replay(action, settle)).count();
            shadow.saveProgress(log.actionsTopic(), chunk.nextOffsets());
            runs.progressed(rebuildId, Progress.ofActions(chunk.recordsRead(), applied, chunk.items().size() - applied,
                    chunk.recordsSkipped()));
        };
        if (settle) {
            work.run(); // already in the switch's transaction, on the shadow tables
            return;
        }
        shadow.inShadow(() -> retrying(() -> transaction.execute(status -> {
            work.run();
            return null;
        })));
    }

    /**
     * The replaced tables go after the switch, which is done: dropping them can deadlock with a reader that waited on
     * them during the switch and is just being moved to the rebuilt tables (PostgreSQL looks a name up again once the
     * lock it waited for is granted), so it is tried again, and if that fails too they are left for the next
     * rebuild's switch, which drops them first.
     */
    private void dropLeftovers(UUID rebuildId) {
        try {
            retrying(() -> {
                shadow.dropLeftovers();
                return null;
            });
        } catch (RuntimeException e) {
            logger.warn("Rebuild {}: the replaced tables were not dropped ({}); the next rebuild drops them", rebuildId, e.toString());
        }
    }

    private static <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @PreDestroy
    void shutDown() {
        stopping.set(true);
        runner.shutdownNow();
    }
}
