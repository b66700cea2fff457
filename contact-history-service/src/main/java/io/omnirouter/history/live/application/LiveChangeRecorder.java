package io.omnirouter.history.live.application;

import io.omnirouter.history.contact.model.ContactRecorded;
import io.omnirouter.history.customer.model.CustomersMerged;
import io.omnirouter.history.customer.model.CustomersUnmerged;
import io.omnirouter.history.followup.model.TaskChanged;
import io.omnirouter.history.live.model.LiveEvent;
import io.omnirouter.history.live.model.LiveEvents;
import io.omnirouter.history.live.model.LiveEvents.ActionData;
import io.omnirouter.history.live.model.LiveEvents.ContactData;
import io.omnirouter.history.live.model.LiveEvents.MergeData;
import io.omnirouter.history.live.model.LiveEvents.TaskData;
import io.omnirouter.history.live.model.LiveEvents.UnmergeData;
import io.omnirouter.history.shared.action.model.ActionSettled;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The domain events onto the live stream's change log, in the transaction that made them true: a change is readable
 * (by every instance) exactly when what it tells is committed, and never if it rolled back. The events of a
 * transaction are kept with one statement just before it commits (a batch of contacts is one round trip, not one per
 * contact); those published inside a savepoint that is rolled back are dropped with it.
 */
@Component
class LiveChangeRecorder {

    private final LiveChangeLog log;
    private final LiveEventEncoding encoding;

    LiveChangeRecorder(LiveChangeLog log, LiveEventEncoding encoding) {
        this.log = log;
        this.encoding = encoding;
    }

    @EventListener
    void contactRecorded(ContactRecorded e) {
        keep(LiveEvents.contact(new ContactData(e.contactId(), e.customerId(), e.channel(), e.direction(), e.kind().name(),
                e.occurredAt(), e.threadKey())));
    }

    @EventListener
    void customersMerged(CustomersMerged e) {
        keep(LiveEvents.merge(new MergeData(e.mergeId(), e.survivorId(), e.mergedId(), e.causeContactId(), e.mergedAt())));
    }

    @EventListener
    void taskChanged(TaskChanged e) {
        keep(LiveEvents.task(new TaskData(e.taskId(), e.version(), e.customerId(), e.type(), e.status(), e.queue(),
                e.escalationTier(), e.dueAt())));
    }

    @EventListener
    void customersUnmerged(CustomersUnmerged e) {
        keep(LiveEvents.unmerge(new UnmergeData(e.mergeId(), e.survivorId(), e.restoredId())));
    }

    @EventListener
    void actionSettled(ActionSettled e) {
        keep(LiveEvents.action(new ActionData(e.actionId(), e.customerId(), e.kind(), e.status().name())));
    }

    private void keep(LiveEvent event) {
        LiveChangeLog.Entry entry = new LiveChangeLog.Entry(event.type(), event.customerIds(), encoding.data(event));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            log.append(List.of(entry));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.entries.add(entry);
    }

    /** One transaction's entries, kept before it commits. */
    private final class Pending implements TransactionSynchronization {

        private final List<LiveChangeLog.Entry> entries = new ArrayList<>();
        /** The number of entries when each open savepoint was set, innermost last. */
        private final List<Integer> savepoints = new ArrayList<>();

        @Override
        public void savepoint(Object savepoint) {
            savepoints.add(entries.size());
        }

        @Override
        public void savepointRollback(Object savepoint) {
            // Savepoints nest: one set before this transaction's first entry was never seen, and is the outermost.
            int kept = savepoints.isEmpty() ? 0 : savepoints.remove(savepoints.size() - 1);
            entries.subList(kept, entries.size()).clear();
        }

        /** An inner transaction of its own (REQUIRES_NEW) keeps its entries itself. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(LiveChangeRecorder.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(LiveChangeRecorder.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!entries.isEmpty()) {
                log.append(List.copyOf(entries));
                entries.clear();
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(LiveChangeRecorder.this);
        }
    }
}
