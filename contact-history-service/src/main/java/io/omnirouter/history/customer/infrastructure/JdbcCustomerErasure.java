package io.omnirouter.history.customer.infrastructure;

import io.omnirouter.history.shared.erasure.ErasedData;
import io.omnirouter.history.shared.erasure.ErasesCustomerData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The identity's part of an erasure, last (contacts refer to customers): the customer's identifiers and the clearings
 * of them, its merges and unmerges, the customer rows, and their as-of history.
 */
@Component
@Order(60)
class JdbcCustomerErasure implements ErasesCustomerData {

    private static final String[] DELETES = {
            "DELETE FROM identifier_sharing_cleared WHERE (type, value) IN"
                    + " (SELECT type, value FROM customer_identifier WHERE customer_id = ANY (?))",
            "DELETE FROM customer_identifier WHERE customer_id = ANY (?)",
            "DELETE FROM customer_identifier_history WHERE customer_id = ANY (?)",
            "DELETE FROM customer_merge WHERE survivor_id = ANY (?) OR merged_id = ANY (?)",
            "DELETE FROM customer_merge_history WHERE survivor_id = ANY (?) OR merged_id = ANY (?)",
            "DELETE FROM customer_unmerge WHERE survivor_id = ANY (?) OR merged_id = ANY (?)",
            "DELETE FROM customer_unmerge_history WHERE survivor_id = ANY (?) OR merged_id = ANY (?)",
            "DELETE FROM customer WHERE customer_id = ANY (?)",
            "DELETE FROM customer_history WHERE customer_id = ANY (?)"};

    private final JdbcTemplate jdbc;

    JdbcCustomerErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedData erased) {
        for (String delete : DELETES) {
            // Every parameter is the same array.
            int parameters = (int) delete.chars().filter(c -> c == '?').count();
            jdbc.update(delete, ps -> {
                var ids = erased.customerIdArray(ps.getConnection());
                for (int i = 1; i <= parameters; i++) {
                    ps.setArray(i, ids);
                }
            });
        }
    }
}
