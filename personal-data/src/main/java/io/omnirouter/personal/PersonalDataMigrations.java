package io.omnirouter.personal;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Creates and updates schema {@code personal} (the data keys) from {@code classpath:db/personal}, with its own
 * history table {@code personal.flyway_schema_history}. Both services run it at start-up, beside their own
 * migrations of schema {@code public}, whichever starts first; Flyway's lock on the history table serializes two
 * that run at once, and the second finds nothing left to do.
 */
public final class PersonalDataMigrations {

    private PersonalDataMigrations() {
    }

    /**
     * Applies the migrations the database does not have yet.
     *
     * @return how many this call applied (0 when another service or instance applied them first)
     */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, 0, 1);
    }

    /**
     * Applies the migrations the database does not have yet, waiting for a database that is not up yet: a service
     * started during a database outage waits for it instead of exiting.
     *
     * @param connectRetries         how many times to connect again before giving up
     * @param connectRetriesInterval the longest wait between two tries, in seconds (Flyway doubles the wait from 1 s)
     * @return how many this call applied (0 when another service or instance applied them first)
     */
    public static int migrate(DataSource dataSource, int connectRetries, int connectRetriesInterval) {
        return Flyway.configure()
                .dataSource(dataSource)
                .connectRetries(connectRetries)
                .connectRetriesInterval(connectRetriesInterval)
                .schemas("personal")
                .locations("classpath:db/personal")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
