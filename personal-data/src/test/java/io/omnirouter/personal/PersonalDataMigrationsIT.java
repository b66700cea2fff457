package io.omnirouter.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.omnirouter.personal.keys.JdbcDataKeys;
import io.omnirouter.personal.keys.MasterKey;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

@WithRealInfrastructure
class PersonalDataMigrationsIT {

    private final DataSource database = RealInfrastructure.dataSource();

    @Test
    void migratingAgainAppliesNothingAndKeepsTheKeys() throws Exception {
        PersonalDataMigrations.migrate(database);
        JdbcDataKeys keys = new JdbcDataKeys(database, MasterKey.fromKeyset(MasterKey.newKeyset()));
        UUID contactId = UUID.randomUUID();
        keys.createOrFind(List.of(contactId));

        assertThat(PersonalDataMigrations.migrate(database)).isZero();

        assertThat(keys.find(List.of(contactId))).containsOnlyKeys(contactId);
        assertThat(count("SELECT count(*) FROM personal.flyway_schema_history WHERE version = '1' AND success")).isOne();
    }

    /** The router and the history start together on a new database: both run these migrations at the same moment. */
    @Test
    void twoServicesMigratingAFreshDatabaseAtOnceBothStartAndTheMigrationRunsOnce() throws Exception {
        execute("DROP SCHEMA IF EXISTS personal CASCADE");

        List<Integer> applied = AtOnce.run(() -> PersonalDataMigrations.migrate(database),
                () -> PersonalDataMigrations.migrate(database));

        assertThat(applied).containsExactlyInAnyOrder(1, 0);
        assertThat(count("SELECT count(*) FROM personal.flyway_schema_history WHERE version = '1' AND success")).isOne();
        assertThat(count("SELECT count(*) FROM personal.data_key")).isZero();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
