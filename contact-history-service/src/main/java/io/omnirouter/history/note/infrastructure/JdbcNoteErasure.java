package io.omnirouter.history.note.infrastructure;

import io.omnirouter.history.shared.erasure.ErasedData;
import io.omnirouter.history.shared.erasure.ErasesCustomerData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The notes' part of an erasure: every note on the customer. */
@Component
@Order(20)
class JdbcNoteErasure implements ErasesCustomerData {

    private final JdbcTemplate jdbc;

    JdbcNoteErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedData erased) {
        jdbc.update("DELETE FROM customer_note WHERE customer_id = ANY (?)",
                ps -> ps.setArray(1, erased.customerIdArray(ps.getConnection())));
    }
}
