package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.contact.application.RecordFaultDiagnosis;
import io.omnirouter.history.contact.model.RecordFault;
import io.omnirouter.history.contact.model.RecordFaultPolicy;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the SQLState a failure to store contacts carries and asks {@link RecordFaultPolicy} whose fault it is. */
@Component
class SqlStateDiagnosis implements RecordFaultDiagnosis {

    /** Causes looked at, at most: a chain that loops must not hang the consumer. */
    private static final int MAX_CAUSES = 32;

    @Override
    public Optional<RecordFault> recordFaultIn(RuntimeException failure) {
        return RecordFaultPolicy.faultOf(sqlStateOf(failure));
    }

    /**
     * The SQLState of the outermost SQLException in the cause chain that has one: Spring's translated exceptions
     * wrap the driver's (BatchUpdateException, PSQLException), and a failed rollback (TransactionSystemException)
     * wraps the rollback's failure, a connection error. Null if none has one (a pool timeout, a registry failure).
     */
    static String sqlStateOf(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
