package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.history.shared.erasure.ErasedData;
import io.omnirouter.history.shared.erasure.ErasesCustomerData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The action outcomes' part of an erasure: the outcomes (with their reasons) of every action on the customer, except
 * the erasure's own, which answers whoever asks again.
 */
@Component
@Order(30)
class JdbcActionErasure implements ErasesCustomerData {

    private final JdbcTemplate jdbc;

    JdbcActionErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedData erased) {
        jdbc.update("DELETE FROM agent_action WHERE customer_id = ANY (?) AND action_id <> ?", ps -> {
            ps.setArray(1, erased.customerIdArray(ps.getConnection()));
            ps.setObject(2, erased.actionId());
        });
    }
}
