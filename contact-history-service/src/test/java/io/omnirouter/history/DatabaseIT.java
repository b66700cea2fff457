package io.omnirouter.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseIT extends HistoryIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theServiceRunsOnPostgresql17MigratedByFlyway() {
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("17");
        assertThat(jdbc.queryForObject("SELECT bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL",
                Boolean.class)).isTrue();
    }

    @Test
    void theTimelineQueryReadsTheIndexWithoutASortStep() {
        String plan = String.join("\n", jdbc.queryForList("""
                EXPLAIN SELECT contact_id FROM contact
                 WHERE customer_id = '00000000-0000-0000-0000-000000000001'
                   AND (occurred_at, contact_id) < (now(), '00000000-0000-0000-0000-000000000001')
                 ORDER BY occurred_at DESC, contact_id DESC LIMIT 51""", String.class));

        assertThat(plan).contains("contact_timeline_idx").doesNotContain("Sort");
    }
}
