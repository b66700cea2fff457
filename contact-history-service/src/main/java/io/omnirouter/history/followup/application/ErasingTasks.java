package io.omnirouter.history.followup.application;

import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.shared.erasure.ErasedData;
import io.omnirouter.history.shared.erasure.ErasesCustomerData;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The follow-up's part of an erasure: the customer's open tasks are closed with reason {@code ERASED} (published on
 * followup.tasks like every change, so that consumers stop working on them), then every task, decision and
 * cancellation of the customer is deleted. A rebuild's replay only deletes: it publishes nothing.
 */
@Component
@Order(10)
public class ErasingTasks implements ErasesCustomerData {

    private final FollowUpStore store;
    private final TaskErasure erasure;

    ErasingTasks(FollowUpStore store, TaskErasure erasure) {
        this.store = store;
        this.erasure = erasure;
    }

    @Override
    public void erase(ErasedData erased) {
        if (erased.announce()) {
            List<FollowUpTask> closing = store.tasksOf(erased.customerIds(), List.of()).stream()
                    .filter(FollowUpTask::isOpen).map(task -> task.erased(erased.at())).toList();
            store.save(closing, task -> Optional.empty());
        }
        erasure.erase(erased);
    }

    /** The follow-up tables' deletes ({@code JdbcFollowUpStore}'s tables). */
    public interface TaskErasure {
        void erase(ErasedData erased);
    }
}
