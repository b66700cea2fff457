package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.shared.erasure.ErasedData;
import io.omnirouter.history.shared.erasure.ErasesCustomerData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The contacts' part of an erasure: the customer's contacts with their texts, their as-of history, and (by cascade)
 * their follow-up bookkeeping.
 */
@Component
@Order(50)
class JdbcContactErasure implements ErasesCustomerData {

    private final JdbcTemplate jdbc;

    JdbcContactErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedData erased) {
        // After the contacts: their delete trigger closes their history rows, which go next.
        for (String delete : new String[] {
                "DELETE FROM contact WHERE contact_id = ANY (?)",
                "DELETE FROM contact_history WHERE contact_id = ANY (?)"}) {
            jdbc.update(delete, ps -> ps.setArray(1, erased.contactIdArray(ps.getConnection())));
        }
    }
}
