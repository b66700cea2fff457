package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.rebuild.application.Projections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcProjections implements Projections {

    /**
     * Every table that is a projection of contact.events. A table added later that derives from the log
     * belongs here too; customer_unmerge and follow_up_decision do not (supervisors' and agents' decisions are
     * not in the log). follow_up_task is kept as published: once the contacts are recorded again, every
     * customer's tasks are derived again from all of them and compared with it, so a task the log leaves as it
     * was gets no new version, and versions keep growing from what consumers of followup.tasks have seen.
     */
    private static final String TRUNCATE =
            "TRUNCATE followup_pending, follow_up_refused_contact, contact, customer_merge, customer_identifier, customer";
    /** Taken exclusively for the rebuild; each follow-up transaction tries it shared (JdbcFollowUpStore). */
    private static final String HOLD = "SELECT pg_advisory_lock(6, 1)";
    private static final String RELEASE = "SELECT pg_advisory_unlock(6, 1)";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    JdbcProjections(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public void truncate() {
        jdbc.execute(TRUNCATE);
    }

    /** A session lock on a connection of its own, held until closed (or until the process dies). */
    @Override
    public Hold holdFollowUp() {
        Connection connection;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(HOLD);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the follow-up could not be held still for the rebuild", e);
        }
        return () -> {
            try (connection; Statement statement = connection.createStatement()) {
                statement.execute(RELEASE);
            } catch (SQLException e) {
                throw new IllegalStateException("the follow-up could not be released after the rebuild", e);
            }
        };
    }
}
