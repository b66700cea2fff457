package io.omnirouter.history.followup.infrastructure;

import io.omnirouter.history.followup.application.ErasingTasks;
import io.omnirouter.history.shared.erasure.ErasedData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Deletes the follow-up's rows of an erased customer; the outbox keeps the ERASED versions until they are published. */
@Component
class JdbcTaskErasure implements ErasingTasks.TaskErasure {

    private final JdbcTemplate jdbc;

    JdbcTaskErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedData erased) {
        for (String delete : new String[] {
                "DELETE FROM follow_up_task WHERE customer_id = ANY (?)",
                "DELETE FROM follow_up_task_history WHERE customer_id = ANY (?)",
                "DELETE FROM follow_up_cancelled_task WHERE customer_id = ANY (?)",
                // The fold's checkpoint holds the customer's open tasks: nothing may continue from it.
                "DELETE FROM follow_up_checkpoint WHERE customer_id = ANY (?)"}) {
            jdbc.update(delete, ps -> ps.setArray(1, erased.customerIdArray(ps.getConnection())));
        }
        jdbc.update("DELETE FROM follow_up_decision WHERE trigger_contact_id = ANY (?)",
                ps -> ps.setArray(1, erased.contactIdArray(ps.getConnection())));
    }
}
