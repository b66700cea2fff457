package io.omnirouter.history.erasure.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.batch;
import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.history.erasure.application.ErasureStore;
import io.omnirouter.history.erasure.model.ErasedCustomer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link ErasureStore} in {@code erased_customer}; the counts as a JSON object. */
@Repository
class JdbcErasureStore implements ErasureStore {

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    JdbcErasureStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<ErasedCustomer> find(UUID customerId) {
        return jdbc.query("SELECT customer_id, erased_as, erased_at, action_id, contacts_by_channel::text AS counts"
                        + " FROM erased_customer WHERE customer_id = ?",
                (rs, row) -> new ErasedCustomer(rs.getObject("customer_id", UUID.class), rs.getObject("erased_as", UUID.class),
                        instant(rs, "erased_at"), rs.getObject("action_id", UUID.class),
                        json.readValue(rs.getString("counts"), COUNTS)),
                customerId).stream().findFirst();
    }

    @Override
    public void keep(Collection<ErasedCustomer> stubs) {
        batch(jdbc, "INSERT INTO erased_customer (customer_id, erased_as, erased_at, action_id, contacts_by_channel)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (customer_id) DO NOTHING",
                List.copyOf(stubs), (ps, stub) -> {
                    ps.setObject(1, stub.customerId());
                    ps.setObject(2, stub.erasedAs());
                    ps.setObject(3, timestamp(stub.erasedAt()));
                    ps.setObject(4, stub.actionId());
                    ps.setString(5, json.writeValueAsString(stub.contactsByChannel()));
                });
    }
}
