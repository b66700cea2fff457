package io.omnirouter.history.contact.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which failures to store contacts can be the record's own fault, by the SQLState PostgreSQL answered with. Such a
 * failure makes ingest look for the culprits (each contact of the batch stored on its own) instead of retrying the
 * batch; a contact that still fails alone with one of them goes to the dead-letter topic. Every other failure is
 * taken for the database (or the registry, or the broker) being away, and its batch is retried until it passes.
 *
 * <p>The record's fault:
 * <ul>
 *   <li>class 22, data exception, every condition: a value PostgreSQL cannot hold as given (22021 a character it
 *       cannot store, such as NUL; 22P05 untranslatable character; 22001 too long; 22003 numeric value out of range;
 *       22007/22008 a date or time it cannot represent; 22P02 input of the wrong form; …). They depend on the
 *       values sent alone;</li>
 *   <li>class 23, integrity constraint violation, only where the row alone breaks the constraint: 23502 not null
 *       violation, 23514 check violation and the generic 23000;</li>
 *   <li>class 54, program limit exceeded, every condition: 54000 (a value too large for a btree index entry, about
 *       2.7 kB after compression: a very long identifier or thread key), 54001 statement too complex, 54011 too many
 *       columns, 54023 too many arguments. The last three can also come from a batch's size: storing the contacts
 *       one by one then succeeds, and nothing is dead-lettered.</li>
 * </ul>
 *
 * <p>Not the record's fault, so retried with back-off: everything else, notably class 08 (connection), 40001
 * serialization failure and 40P01 deadlock, 53 insufficient resources, 55P03 lock not available, 57P01/57P02/57P03
 * (server shutting down or not yet up), 57014 query cancelled, 58 (system error), XX (internal error), 42 (the schema
 * is not what the code expects: a deployment problem), a failure with no SQLState at all (a connection-pool timeout)
 * and anything not from the database (the schema registry unreachable). Also retried, although class 23: 23001
 * restrict violation, 23503 foreign key violation, 23505 unique violation and 23P01 exclusion violation. They depend
 * on other rows, i.e. on what concurrent writers did: on this schema ids derive from contact ids, contacts are
 * inserted with ON CONFLICT DO NOTHING and identifiers and customers are locked first, so one of them means a race
 * that a retry settles, never a record that cannot be stored.
 */
public final class RecordFaultPolicy {

    /** SQLState classes (the first two characters) whose conditions can be the record's fault, and what they mean. */
    private static final Map<String, String> RECORD_FAULT_CLASSES = Map.of(
            "22", "data exception: a value PostgreSQL cannot store as given (a character it cannot hold such as NUL, "
                    + "a number or time out of range, input of the wrong form)",
            "23", "integrity constraint violation: a value breaks a NOT NULL or CHECK constraint",
            "54", "program limit exceeded: a value too large for PostgreSQL (e.g. an identifier or thread key too long "
                    + "for an index entry)");

    /**
     * The conditions of class 23 that the row alone breaks; the others of the class (23001, 23503, 23505, 23P01)
     * depend on other rows, i.e. on concurrent writers.
     */
    private static final Set<String> BROKEN_BY_THE_ROW_ALONE = Set.of("23000", "23502", "23514");

    /** PostgreSQL's condition names (Appendix A of its manual) of the conditions ingest can meet, for the reason. */
    private static final Map<String, String> CONDITION_NAMES = Map.ofEntries(
            Map.entry("22001", "string_data_right_truncation"),
            Map.entry("22003", "numeric_value_out_of_range"),
            Map.entry("22007", "invalid_datetime_format"),
            Map.entry("22008", "datetime_field_overflow"),
            Map.entry("22021", "character_not_in_repertoire"),
            Map.entry("22P02", "invalid_text_representation"),
            Map.entry("22P05", "untranslatable_character"),
            Map.entry("23000", "integrity_constraint_violation"),
            Map.entry("23502", "not_null_violation"),
            Map.entry("23514", "check_violation"),
            Map.entry("54000", "program_limit_exceeded"),
            Map.entry("54001", "statement_too_complex"),
            Map.entry("54011", "too_many_columns"),
            Map.entry("54023", "too_many_arguments"));

    private RecordFaultPolicy() {
    }

    /**
     * @param sqlState what PostgreSQL answered, or null when the failure carries none (it did not come from the
     *                 database's answer)
     * @return the fault if the failure can be the record's, empty if it is taken for a transient one
     */
    public static Optional<RecordFault> faultOf(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return Optional.empty();
        }
        String state = sqlState.toUpperCase(Locale.ROOT);
        String stateClass = state.substring(0, 2);
        String problem = RECORD_FAULT_CLASSES.get(stateClass);
        if (problem == null || stateClass.equals("23") && !BROKEN_BY_THE_ROW_ALONE.contains(state)) {
            return Optional.empty();
        }
        String name = CONDITION_NAMES.get(state);
        return Optional.of(new RecordFault(state, name == null ? problem : name + ", " + problem));
    }
}
