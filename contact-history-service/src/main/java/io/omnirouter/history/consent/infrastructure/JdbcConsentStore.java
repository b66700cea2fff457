package io.omnirouter.history.consent.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.strings;

import io.omnirouter.history.consent.application.ConsentStore;
import io.omnirouter.history.consent.model.ConsentChange;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConsentStore implements ConsentStore {

    // The customer's contacts by contact_timeline_idx (customer_id, …); most carry no consents ('{}').
    private static final String CONSENTS_OF = """
            SELECT contact_id, occurred_at, consents FROM contact
             WHERE customer_id = ANY (?) AND cardinality(consents) > 0""";

    private final JdbcTemplate jdbc;

    JdbcConsentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ContactConsents> consentsOf(Collection<UUID> customerIds) {
        UUID[] ids = customerIds.toArray(UUID[]::new);
        return jdbc.query(CONSENTS_OF, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)),
                (rs, row) -> new ContactConsents(rs.getObject("contact_id", UUID.class), instant(rs, "occurred_at"),
                        strings(rs.getArray("consents")).stream().map(ConsentChange::parse).toList()));
    }
}
