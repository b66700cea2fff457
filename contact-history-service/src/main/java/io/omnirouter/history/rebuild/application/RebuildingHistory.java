package io.omnirouter.history.rebuild.application;

import io.omnirouter.history.contact.application.IsolatingRefusedContacts;
import io.omnirouter.history.contact.application.IsolatingRefusedContacts.Outcome;
import io.omnirouter.history.contact.application.RecordingContacts;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.customer.application.ResolvingCustomers;
import io.omnirouter.history.rebuild.application.ContactLog.Chunk;
import io.omnirouter.history.rebuild.model.RebuildStatus;
import io.omnirouter.support.instance.InstanceProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Rebuilds the projections from contact.events offset 0 (the same log always produces the same history), cluster-wide
 * one at a time, without ever showing half a history (docs/identity-resolution-and-rebuild.md, "Rebuild"):
 * <ol>
 *   <li>{@link #start} records the rebuild in the database (409 if one runs anywhere); whichever instance claims it
 *       first runs it, and every instance answers the same status;</li>
 *   <li>it creates the shadow tables and records every contact of the log into them with the same code as live
 *       ingest (announcing nothing), saving after each poll how far it got; live ingest, the follow-up and the API go
 *       on with the live tables meanwhile;</li>
 *   <li>caught up, it switches in one transaction: the live projections locked, the last records of the log and the
 *       identity decisions taken during the rebuild applied to the shadow, the shadow tables put in the live ones'
 *       place. The follow-up then derives every customer's tasks again (a task the log leaves as it was gets no new
 *       version).</li>
 * </ol>
 * An instance lost half-way (a {@code kill -9}) loses the claim with its database session; every instance looks for
 * such a rebuild every {@code claim-interval} and the first to claim it resumes from the saved progress. Applying a
 * chunk twice changes nothing, because recording a stored contact again is recognised as stored.
 */
@Service
public class RebuildingHistory {

    private static final Logger log = LoggerFactory.getLogger(RebuildingHistory.class);
    /** Attempts at one poll's contacts, and at the switch, when PostgreSQL aborts a transaction to break a deadlock. */
    private static final int ATTEMPTS = 5;
    /**
     * Decisions recorded up to this long before the rebuild started may not have been visible to its first reads
     * (their transactions were still open): they are re-derived at the switch too.
     */
    private static final Duration DECISION_LAG = Duration.ofMinutes(5);

    private final ContactLog contactLog;
    private final ShadowProjections shadow;
    private final RebuildRuns runs;
    private final IsolatingRefusedContacts isolating;
    private final RecordingContacts recording;
    private final ResolvingCustomers resolving;
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

    public RebuildingHistory(ContactLog contactLog, ShadowProjections shadow, RebuildRuns runs, IsolatingRefusedContacts isolating,
                             RecordingContacts recording, ResolvingCustomers resolving, RebuildProperties properties,
                             InstanceProperties instance, Clock clock, PlatformTransactionManager transactions) {
        this.contactLog = contactLog;
        this.shadow = shadow;
        this.runs = runs;
        this.isolating = isolating;
        this.recording = recording;
        this.resolving = resolving;
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
            log.warn("Looking for a rebuild to run failed: {}", e.toString());
        } finally {
            running.set(false);
        }
    }

    private void run(RebuildRuns.Lease lease) {
        UUID rebuildId = lease.rebuildId();
        try (lease) {
            RebuildStatus status = runs.current();
            if (lease.resumes() && shadow.exist()) {
                log.info("Resuming rebuild {} of the history from its saved progress", rebuildId);
            } else {
                log.info("Rebuild {} of the history from contact.events offset 0 started", rebuildId);
                shadow.create();
            }
            long read;
            do {
                read = contactLog.readFrom(shadow.progress(contactLog.topic()), chunk -> record(rebuildId, chunk));
            } while (read > properties.switchBehindBy());
            String schemaVersion = runs.schemaVersionOf(rebuildId);
            Instant decisionsSince = status.startedAt().minus(DECISION_LAG);
            retrying(() -> {
                shadow.switchOver(schemaVersion, () -> {
                    contactLog.readFrom(shadow.progress(contactLog.topic()), chunk -> recordWhileSwitching(rebuildId, chunk));
                    resolving.rederiveDecisionsRecordedSince(decisionsSince);
                });
                return null;
            });
            shadow.dropLeftovers();
            runs.succeeded(rebuildId, clock.instant());
            RebuildStatus done = runs.current();
            log.info("Rebuild {} succeeded: {} records read, {} contacts recorded, {} records skipped (invalid or refused by the database)",
                    rebuildId, done.recordsRead(), done.contactsRecorded(), done.recordsSkipped());
        } catch (RuntimeException e) {
            if (stopping.get()) {
                log.info("Rebuild {} interrupted by this instance's shutdown; another instance (or this one, restarted) resumes it",
                        rebuildId);
                return;
            }
            runs.failed(rebuildId, clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage());
            log.error("Rebuild {} failed; start it again once the cause is fixed", rebuildId, e);
        }
    }

    /** One poll's contacts into the shadow tables, isolating those the database refuses; then the progress. */
    private void record(UUID rebuildId, Chunk chunk) {
        shadow.inShadow(() -> {
            Outcome<Contact> replayed = retrying(() -> isolating.replay(chunk.contacts(), Function.identity()));
            // Ids and SQLStates only: the contacts' content is personal data.
            replayed.refused().forEach(refusal -> log.warn("Rebuild: {} skipped, the database refuses it (SQLState {}); it is on contact.events.DLT",
                    refusal.item(), refusal.fault().sqlState()));
            return transaction.execute(status -> {
                shadow.saveProgress(contactLog.topic(), chunk.nextOffsets());
                runs.progressed(rebuildId, chunk.recordsRead(), replayed.recorded(), chunk.recordsSkipped() + replayed.refused().size());
                return null;
            });
        });
    }

    /**
     * The last records, inside the switch's transaction (it holds the live projections): a contact the database
     * refuses fails the switch, which is then tried again after a catch-up that isolates it.
     */
    private void recordWhileSwitching(UUID rebuildId, Chunk chunk) {
        int recorded = recording.replay(chunk.contacts());
        shadow.saveProgress(contactLog.topic(), chunk.nextOffsets());
        runs.progressed(rebuildId, chunk.recordsRead(), recorded, chunk.recordsSkipped());
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
