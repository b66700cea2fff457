package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.rebuild.application.Projections;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcProjections implements Projections {

    /**
     * Every table that is a projection of contact.events. A table added later that derives from the log
     * belongs here too; customer_unmerge does not (supervisors' decisions are not in the log). Follow-up tasks
     * are re-derived from the re-recorded contacts (task ids and versions are deterministic, so consumers of
     * followup.tasks, idempotent by task id and version, see nothing new); agents' completions and assignments
     * are not in the log and are not restored.
     */
    private static final String TRUNCATE = "TRUNCATE followup_pending, contact, customer_merge, customer_identifier, customer, follow_up_task";

    private final JdbcTemplate jdbc;

    JdbcProjections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void truncate() {
        jdbc.execute(TRUNCATE);
    }
}
