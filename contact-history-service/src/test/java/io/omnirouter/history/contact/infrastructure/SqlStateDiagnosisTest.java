package io.omnirouter.history.contact.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.contact.model.RecordFault;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The failures ingest meets, as Spring and the drivers wrap them, read by the failure policy. */
class SqlStateDiagnosisTest {

    private final SqlStateDiagnosis diagnosis = new SqlStateDiagnosis();

    @Test
    void aValueTooLargeForAnIndexEntryInABatchInsertIsTheRecordsFault() {
        // What JdbcTemplate.batchUpdate throws: PgJDBC's BatchUpdateException, its PSQLException as cause and next.
        SQLException refused = new SQLException("ERROR: index row size 5064 exceeds btree version 4 maximum 2704", "54000");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 <unknown> was aborted", "54000", 0, new int[0], refused);
        batch.setNextException(refused);

        assertThat(diagnosis.recordFaultIn(new UncategorizedSQLException("batch", "INSERT INTO contact", batch)))
                .get().extracting(RecordFault::sqlState).isEqualTo("54000");
    }

    @Test
    void aNulCharacterIsTheRecordsFault() {
        SQLException nul = new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021");

        assertThat(diagnosis.recordFaultIn(new DataIntegrityViolationException("insert", nul)))
                .get().extracting(RecordFault::sqlState).isEqualTo("22021");
    }

    @Test
    void aConnectionPoolTimeoutIsNotTheRecordsFault() {
        // Hikari: no SQLState when no connection attempt failed, the last attempt's otherwise.
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");

        assertThat(diagnosis.recordFaultIn(new CannotCreateTransactionException("no connection",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timeout)))).isEmpty();
        assertThat(diagnosis.recordFaultIn(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001")))).isEmpty();
    }

    @Test
    void aServerShuttingDownIsNotTheRecordsFaultEvenWhenTheRollbackFailsToo() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(diagnosis.recordFaultIn(new UncategorizedSQLException("query", "SELECT", terminated))).isEmpty();

        // A record-fault error whose rollback then failed on a dead connection: the connection decides, it is retried.
        TransactionSystemException rollbackFailed = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("This connection has been closed.", "08003"));
        rollbackFailed.initApplicationException(new DataIntegrityViolationException("insert", new SQLException("value too long", "22001")));
        assertThat(diagnosis.recordFaultIn(rollbackFailed)).isEmpty();
    }

    @Test
    void theRegistryUnreachableIsNotTheRecordsFault() {
        assertThat(diagnosis.recordFaultIn(new SchemaRegistryUnavailableException("registry unreachable",
                new java.net.ConnectException("Connection refused")))).isEmpty();
    }

    @Test
    void theOutermostSqlStateDecides() {
        SQLException inner = new SQLException("inner", "22001");
        SQLException outer = new SQLException("outer", "40001", inner);

        assertThat(SqlStateDiagnosis.sqlStateOf(new RuntimeException(outer))).isEqualTo("40001");
        assertThat(SqlStateDiagnosis.sqlStateOf(new RuntimeException(new SQLException("no state", (String) null, inner))))
                .isEqualTo("22001");
        assertThat(SqlStateDiagnosis.sqlStateOf(new IllegalStateException("not a database failure"))).isNull();
    }
}
