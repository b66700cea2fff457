package io.omnirouter.history.customer;

import io.omnirouter.history.customer.model.CustomerState;
import io.omnirouter.history.customer.model.IdentifierState;
import io.omnirouter.history.customer.model.IdentityResolution;
import io.omnirouter.history.customer.model.Merge;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * What identity resolution made of a set of contacts: the customers they created (standing or merged),
 * those customers' identifiers, the standing merges among them, and which customer holds each contact.
 * Rows as text, sorted, so that a failed comparison shows the difference.
 */
public record IdentitySnapshot(List<String> customers, List<String> identifiers, List<String> merges,
                               Map<UUID, UUID> customerByContact) {

    /** As stored. */
    public static IdentitySnapshot stored(JdbcTemplate jdbc, Collection<UUID> contactIds) {
        UUID[] contacts = contactIds.toArray(UUID[]::new);
        UUID[] created = contactIds.stream().map(IdentityResolution::newCustomerIdFor).toArray(UUID[]::new);
        Map<UUID, UUID> customerByContact = new TreeMap<>();
        query(jdbc, "SELECT contact_id, customer_id FROM contact WHERE contact_id = ANY (?)", contacts,
                (rs, row) -> customerByContact.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
        List<String> customers = query(jdbc, """
                        SELECT customer_id, first_contact_at, last_contact_at, merged_into, merged_at FROM customer
                         WHERE customer_id = ANY (?)""", created,
                (rs, row) -> customer(rs.getObject(1, UUID.class), instant(rs.getObject(2, OffsetDateTime.class)),
                        instant(rs.getObject(3, OffsetDateTime.class)), rs.getObject(4, UUID.class),
                        instant(rs.getObject(5, OffsetDateTime.class))));
        List<String> identifiers = query(jdbc, """
                        SELECT type, value, customer_id, shared FROM customer_identifier WHERE customer_id = ANY (?)""", created,
                (rs, row) -> identifier(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getBoolean(4)));
        List<String> merges = query(jdbc, """
                        SELECT merge_id, survivor_id, merged_id, cause_contact_id, linking_types, linking_values, merged_at
                          FROM customer_merge WHERE merged_id = ANY (?)""", created,
                (rs, row) -> merge(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), List.of((String[]) rs.getArray(5).getArray()),
                        List.of((String[]) rs.getArray(6).getArray()), instant(rs.getObject(7, OffsetDateTime.class))));
        return new IdentitySnapshot(sorted(customers), sorted(identifiers), sorted(merges), customerByContact);
    }

    /** As applying the contacts in event-time order gives. */
    public static IdentitySnapshot of(IdentityResolution resolution) {
        var state = resolution.snapshot();
        Set<UUID> customerIds = state.customers().stream().map(CustomerState::customerId).collect(Collectors.toSet());
        return new IdentitySnapshot(
                sorted(state.customers().stream().map(c -> customer(c.customerId(), c.firstContactAt(), c.lastContactAt(),
                        c.mergedInto(), c.mergedAt())).toList()),
                sorted(state.identifiers().stream().filter(i -> customerIds.contains(i.ownerId())).map(IdentitySnapshot::identifier).toList()),
                sorted(state.merges().stream().map(IdentitySnapshot::merge).toList()),
                new TreeMap<>(resolution.customerByContact()));
    }

    /** Customers not merged into another. */
    public long standingCustomers() {
        return customers.stream().filter(row -> row.contains("mergedInto=null")).count();
    }

    private static String identifier(IdentifierState state) {
        return identifier(state.identifier().type().name(), state.identifier().value(), state.ownerId(), state.shared());
    }

    private static String merge(Merge merge) {
        return merge(merge.mergeId(), merge.survivorId(), merge.mergedId(), merge.causeContactId(),
                merge.linkingIdentifiers().stream().map(i -> i.type().name()).toList(),
                merge.linkingIdentifiers().stream().map(i -> i.value()).toList(), merge.mergedAt());
    }

    private static String customer(UUID id, Instant first, Instant last, UUID mergedInto, Instant mergedAt) {
        return id + " first=" + first + " last=" + last + " mergedInto=" + mergedInto + " mergedAt=" + mergedAt;
    }

    private static String identifier(String type, String value, UUID owner, boolean shared) {
        return type + ":" + value + " owner=" + owner + " shared=" + shared;
    }

    private static String merge(UUID id, UUID survivor, UUID merged, UUID cause, List<String> types, List<String> values, Instant at) {
        return id + " " + merged + "->" + survivor + " cause=" + cause + " links=" + types + values + " at=" + at;
    }

    private static <T> List<T> query(JdbcTemplate jdbc, String sql, UUID[] ids, RowMapper<T> rows) {
        return jdbc.query(sql, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)), rows);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }
}
