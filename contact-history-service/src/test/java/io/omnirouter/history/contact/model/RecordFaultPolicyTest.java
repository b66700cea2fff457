package io.omnirouter.history.contact.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordFaultPolicyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "22000", "22001", "22003", "22007", "22008", "22012", "22021", "22P02", "22P05", // data exception
        "23000", "23502", "23514",                                                       // the row alone breaks a constraint
        "54000", "54001", "54011", "54023"})                                             // program limit exceeded
    void aDataExceptionAConstraintTheRowBreaksAloneOrAProgramLimitCanBeTheRecordsFault(String sqlState) {
        assertThat(RecordFaultPolicy.faultOf(sqlState)).get().extracting(RecordFault::sqlState).isEqualTo(sqlState);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "08000", "08001", "08003", "08006", "08P01", // connection
        "57P01", "57P02", "57P03", "57014",          // shutdown, not yet up, cancelled
        "40001", "40P01",                            // serialization failure, deadlock
        "53000", "53100", "53200", "53300",          // insufficient resources
        "55P03", "55006",                            // lock not available, object in use
        "58000", "58030", "XX000", "XX001",          // system and internal errors
        "42P01", "42703", "42501",                   // the schema is not what the code expects: deployment, not the record
        "25P02", "0A000", "28P01", "3D000"})
    void theDatabaseBeingAwayBusyOrMisconfiguredIsNotTheRecordsFault(String sqlState) {
        assertThat(RecordFaultPolicy.faultOf(sqlState)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"23001", "23503", "23505", "23P01"})
    void aConstraintThatDependsOnOtherRowsIsARaceWithAConcurrentWriterNotTheRecordsFault(String sqlState) {
        assertThat(RecordFaultPolicy.faultOf(sqlState)).isEmpty();
    }

    /** A connection-pool timeout (Hikari's SQLTransientConnectionException), the registry or the broker away: no SQLState. */
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"22", "5400", "540000"})
    void aFailureWithoutAWellFormedSqlStateIsNotTheRecordsFault(String sqlState) {
        assertThat(RecordFaultPolicy.faultOf(sqlState)).isEmpty();
    }

    @Test
    void theReasonNamesTheSqlStateAndTheKindOfProblem() {
        assertThat(RecordFaultPolicy.faultOf("54000")).get().extracting(RecordFault::reason).asString()
                .contains("SQLState 54000", "program_limit_exceeded", "too large");
        assertThat(RecordFaultPolicy.faultOf("22021")).get().extracting(RecordFault::reason).asString()
                .contains("SQLState 22021", "character_not_in_repertoire", "data exception");
        assertThat(RecordFaultPolicy.faultOf("23514")).get().extracting(RecordFault::reason).asString()
                .contains("SQLState 23514", "check_violation", "integrity constraint violation");
        assertThat(RecordFaultPolicy.faultOf("22P05")).get().extracting(RecordFault::sqlState).isEqualTo("22P05");
    }

    @Test
    void aConditionWithoutAKnownNameIsDescribedByItsClass() {
        assertThat(RecordFaultPolicy.faultOf("2201B")).get().extracting(RecordFault::reason).asString()
                .isEqualTo("PostgreSQL refuses to store this contact, even on its own: SQLState 2201B, data exception: a value "
                        + "PostgreSQL cannot store as given (a character it cannot hold such as NUL, a number or time out of "
                        + "range, input of the wrong form)");
    }

    @Test
    void sqlStatesAreReadRegardlessOfCase() {
        assertThat(RecordFaultPolicy.faultOf("22p05")).get().extracting(RecordFault::sqlState).isEqualTo("22P05");
        assertThat(RecordFaultPolicy.faultOf("57p01")).isEmpty();
    }
}
