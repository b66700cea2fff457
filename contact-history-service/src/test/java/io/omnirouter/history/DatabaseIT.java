package io.omnirouter.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseIT extends HistoryIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;

    @Test
    void theServiceRunsOnPostgresql17MigratedByFlyway() {
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("17");
        assertThat(jdbc.queryForObject("SELECT bool_and(success) FROM flyway_schema_history WHERE version IS NOT NULL",
                Boolean.class)).isTrue();
    }

    /**
     * V1, V2 and V20 changed in a comment (they cite the repository's docs now), which changes Flyway's checksums:
     * a database migrated with the old files still starts (beforeValidate.sql takes the new checksums where the old
     * ones are recorded), while any other mismatch still fails validation.
     */
    @Test
    void aDatabaseMigratedWithTheOldCommentsOfV1V2AndV20StillValidatesAndOtherMismatchesStillFail() {
        Map<String, Integer> current = checksums();
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        try {
            jdbc.update("UPDATE flyway_schema_history SET checksum = CASE version WHEN '1' THEN 266033845 WHEN '2' THEN 331874747"
                    + " ELSE -1311548736 END WHERE version IN ('1', '2', '20')");
            flyway.migrate();
            assertThat(checksums()).isEqualTo(current);

            jdbc.update("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
            assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayValidateException.class);
        } finally {
            current.forEach((version, checksum) -> jdbc.update("UPDATE flyway_schema_history SET checksum = ? WHERE version = ?",
                    checksum, version));
        }
    }

    private Map<String, Integer> checksums() {
        Map<String, Integer> checksums = new HashMap<>();
        jdbc.query("SELECT version, checksum FROM flyway_schema_history WHERE version IN ('1', '2', '20')", rs -> {
            checksums.put(rs.getString(1), rs.getInt(2));
        });
        return checksums;
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
