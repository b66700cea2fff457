package io.omnirouter.history.live.infrastructure;

import io.omnirouter.history.shared.erasure.ErasedData;
import io.omnirouter.history.shared.erasure.ErasesCustomerData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The live stream's part of an erasure: the changes kept for resuming streams that concern the customer. Streams
 * already open hear of the erasure itself (the action's change) and nothing of the customer after it.
 */
@Component
@Order(40)
class JdbcLiveChangeErasure implements ErasesCustomerData {

    private final JdbcTemplate jdbc;

    JdbcLiveChangeErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(ErasedData erased) {
        jdbc.update("DELETE FROM live_change WHERE customer_ids && ?",
                ps -> ps.setArray(1, erased.customerIdArray(ps.getConnection())));
    }
}
