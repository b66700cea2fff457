package io.omnirouter.history.shared.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The names customers were given by the channels, as the contacts of the table {@code contact} carry them: distinct,
 * the most recently given first. The customer profile and the search's list of matches show them, so both read them
 * here. Off {@code contact_timeline_idx (customer_id, …)}: the contacts of the customers asked for only. Unqualified,
 * so that an as-of read (docs/as-of.md) answers with the names as they were.
 */
public final class ContactNames {

    private static final String NAMES = """
            SELECT customer_id, customer_name
              FROM (SELECT customer_id, customer_name,
                           row_number() OVER (PARTITION BY customer_id ORDER BY max(occurred_at) DESC, customer_name) AS n
                      FROM contact
                     WHERE customer_id = ANY (?::uuid[]) AND customer_name IS NOT NULL AND btrim(customer_name) <> ''
                     GROUP BY customer_id, customer_name) AS named
             WHERE n <= ?
             ORDER BY customer_id, n""";

    private ContactNames() {
    }

    /** At most {@code perCustomer} names of each customer; a customer no channel gave a name is absent. */
    public static Map<UUID, List<String>> of(JdbcTemplate jdbc, Collection<UUID> customerIds, int perCustomer) {
        Map<UUID, List<String>> names = new LinkedHashMap<>();
        if (!customerIds.isEmpty()) {
            jdbc.query(NAMES, ps -> {
                ps.setArray(1, ps.getConnection().createArrayOf("uuid", customerIds.toArray()));
                ps.setInt(2, perCustomer);
            }, rs -> {
                names.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new ArrayList<>()).add(rs.getString("customer_name"));
            });
        }
        return names;
    }
}
