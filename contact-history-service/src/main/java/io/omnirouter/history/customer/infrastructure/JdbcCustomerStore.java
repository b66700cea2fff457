package io.omnirouter.history.customer.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.batch;
import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.history.customer.application.CustomerStore;
import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.history.customer.model.Customer.OwnedIdentifier;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentifierOwner;
import io.omnirouter.history.customer.model.ResolutionChanges;
import io.omnirouter.identifiers.IdentifierType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCustomerStore implements CustomerStore {

    // unnest() yields the array in order, so the locks are taken in the order of the sorted keys.
    private static final String LOCK = "SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS t(k)";
    private static final String OWNERS = """
            SELECT ci.type, ci.value, ci.customer_id, ci.shared, c.first_contact_at
              FROM customer_identifier ci JOIN customer c USING (customer_id)
             WHERE (ci.type, ci.value) IN (SELECT * FROM unnest(?::text[], ?::text[]))""";
    private static final String INSERT_CUSTOMER =
            "INSERT INTO customer (customer_id, first_contact_at, last_contact_at) VALUES (?, ?, ?)";
    private static final String WIDEN_SPAN = """
            UPDATE customer SET first_contact_at = LEAST(first_contact_at, ?), last_contact_at = GREATEST(last_contact_at, ?)
             WHERE customer_id = ?""";
    private static final String INSERT_IDENTIFIER =
            "INSERT INTO customer_identifier (type, value, customer_id, first_seen_at) VALUES (?, ?, ?, ?)";
    private static final String CUSTOMER_BY_IDENTIFIER = """
            SELECT c.customer_id, c.first_contact_at, c.last_contact_at
              FROM customer c JOIN customer_identifier ci USING (customer_id)
             WHERE ci.type = ? AND ci.value = ?""";
    private static final String IDENTIFIERS_OF = """
            SELECT type, value, shared FROM customer_identifier WHERE customer_id = ? ORDER BY type, first_seen_at, value""";
    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM customer WHERE customer_id = ?)";

    private final JdbcTemplate jdbc;

    JdbcCustomerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockIdentifiers(Collection<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return;
        }
        Long[] keys = identifiers.stream().map(JdbcCustomerStore::lockKey).distinct().sorted().toArray(Long[]::new);
        jdbc.query(LOCK, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", keys)), rs -> {
        });
    }

    @Override
    public List<IdentifierOwner> ownersOf(Collection<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        String[] types = identifiers.stream().map(i -> i.type().name()).toArray(String[]::new);
        String[] values = identifiers.stream().map(Identifier::value).toArray(String[]::new);
        return jdbc.query(OWNERS, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", types));
            ps.setArray(2, ps.getConnection().createArrayOf("text", values));
        }, (rs, row) -> new IdentifierOwner(identifier(rs), rs.getObject("customer_id", UUID.class),
                instant(rs, "first_contact_at"), rs.getBoolean("shared")));
    }

    @Override
    public void apply(ResolutionChanges changes) {
        // Customers first: identifiers and contacts reference them.
        batch(jdbc, INSERT_CUSTOMER, changes.newCustomers(), (ps, span) -> {
            ps.setObject(1, span.customerId());
            ps.setObject(2, timestamp(span.firstContactAt()));
            ps.setObject(3, timestamp(span.lastContactAt()));
        });
        batch(jdbc, WIDEN_SPAN, changes.existingCustomers(), (ps, span) -> {
            ps.setObject(1, timestamp(span.firstContactAt()));
            ps.setObject(2, timestamp(span.lastContactAt()));
            ps.setObject(3, span.customerId());
        });
        batch(jdbc, INSERT_IDENTIFIER, changes.newIdentifiers(), (ps, added) -> {
            ps.setString(1, added.identifier().type().name());
            ps.setString(2, added.identifier().value());
            ps.setObject(3, added.customerId());
            ps.setObject(4, timestamp(added.firstSeenAt()));
        });
    }

    @Override
    public Optional<Customer> findByIdentifier(Identifier identifier) {
        return jdbc.query(CUSTOMER_BY_IDENTIFIER, (rs, row) -> {
            UUID customerId = rs.getObject("customer_id", UUID.class);
            return new Customer(customerId, identifiersOf(customerId), instant(rs, "first_contact_at"), instant(rs, "last_contact_at"));
        }, identifier.type().name(), identifier.value()).stream().findFirst();
    }

    @Override
    public boolean exists(UUID customerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(EXISTS, Boolean.class, customerId));
    }

    private List<OwnedIdentifier> identifiersOf(UUID customerId) {
        return jdbc.query(IDENTIFIERS_OF, (rs, row) -> new OwnedIdentifier(identifier(rs), rs.getBoolean("shared")), customerId);
    }

    private static Identifier identifier(ResultSet rs) throws SQLException {
        return new Identifier(IdentifierType.valueOf(rs.getString("type")), rs.getString("value"));
    }

    /** A stable 64-bit key per identifier; a collision only makes two identifiers share a lock. */
    private static long lockKey(Identifier identifier) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((identifier.type().name() + ':' + identifier.value()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
