package io.omnirouter.history.shared.asof;

import io.omnirouter.history.shared.InvalidRequestException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The schema {@code as_of} (V30) has a view per table the customer views read, named like it and showing the versions
 * visible at {@code as_of.instant()}. A past read is one read-only transaction with {@code as_of} first in its search
 * path and the instant set, in which the API's own reading code runs unchanged.
 */
@Component
class JdbcPastReads implements PastReads {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    JdbcPastReads(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    @Override
    public <T> T asOf(Instant instant, Supplier<T> read) {
        if (instant.isAfter(clock.instant())) {
            throw InvalidRequestException.of("asOf", "asOf is in the future: there is no answer for it yet");
        }
        return readOnly.execute(status -> {
            Instant began = jdbc.queryForObject("SELECT began FROM as_of.history_start", Timestamp.class).toInstant();
            if (instant.isBefore(began)) {
                throw InvalidRequestException.of("asOf", "asOf is before " + began + ", when the history began to be kept");
            }
            jdbc.execute("SET LOCAL search_path TO as_of, public");
            jdbc.queryForObject("SELECT set_config('omnirouter.as_of', ?, true)", String.class, instant.toString());
            return read.get();
        });
    }
}
