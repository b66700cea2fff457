package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.rebuild.application.Projections;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcProjections implements Projections {

    /**
     * Every table that is a projection of contact.events. A table added later that derives from the log
     * belongs here too; customer_unmerge does not (supervisors' decisions are not in the log).
     */
    private static final String TRUNCATE = "TRUNCATE contact, customer_merge, customer_identifier, customer";

    private final JdbcTemplate jdbc;

    JdbcProjections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void truncate() {
        jdbc.execute(TRUNCATE);
    }
}
