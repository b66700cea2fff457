package io.omnirouter.history.customer.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.batch;
import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.history.customer.application.CustomerStore;
import io.omnirouter.history.customer.model.AttributedContact;
import io.omnirouter.history.customer.model.ContactFacts;
import io.omnirouter.history.customer.model.ContactIdentity;
import io.omnirouter.history.customer.model.ContactKey;
import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.history.customer.model.Customer.OwnedIdentifier;
import io.omnirouter.history.customer.model.CustomerState;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentifierState;
import io.omnirouter.history.customer.model.IdentityState;
import io.omnirouter.history.customer.model.Merge;
import io.omnirouter.history.customer.model.MergeLineage;
import io.omnirouter.history.customer.model.MergeSuppression;
import io.omnirouter.history.customer.model.SharingCleared;
import io.omnirouter.history.shared.jdbc.ContactNames;
import io.omnirouter.history.shared.jdbc.IdentifierColumns;
import io.omnirouter.identifiers.IdentifierType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCustomerStore implements CustomerStore {

    // unnest() yields the array in order, so the locks are taken in the order of the sorted keys.
    private static final String LOCK_IDENTIFIERS = "SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS t(k)";
    // Row locks, in id order: two transactions locking overlapping customers cannot deadlock on them.
    private static final String LOCK_CUSTOMERS =
            "SELECT customer_id FROM customer WHERE customer_id = ANY (?) ORDER BY customer_id FOR UPDATE";
    private static final String IDENTIFIER_COLUMNS =
            "type, value, customer_id, shared, first_seen_at, touched_at, touched_by, seen_with";
    private static final String IDENTIFIER_STATES = "SELECT " + IDENTIFIER_COLUMNS
            + " FROM customer_identifier WHERE (type, value) IN (SELECT * FROM unnest(?::text[], ?::text[]))";
    private static final String IDENTIFIERS_OWNED_BY = "SELECT " + IDENTIFIER_COLUMNS
            + " FROM customer_identifier WHERE customer_id = ANY (?)";
    private static final String CUSTOMER_COLUMNS = "customer_id, first_contact_at, last_contact_at, merged_into, merged_at";
    private static final String CUSTOMERS_AND_MEMBERS = "SELECT " + CUSTOMER_COLUMNS
            + " FROM customer WHERE customer_id = ANY (?) OR merged_into = ANY (?)";
    private static final String CUSTOMERS = "SELECT " + CUSTOMER_COLUMNS + " FROM customer WHERE customer_id = ANY (?)";
    private static final String MERGE_COLUMNS =
            "merge_id, survivor_id, merged_id, cause_contact_id, linking_types, linking_values, merged_at";
    private static final String MERGES_OF = "SELECT " + MERGE_COLUMNS + " FROM customer_merge WHERE merged_id = ANY (?)";
    private static final String SUPPRESSIONS = """
            SELECT merge_id, survivor_id, merged_id FROM customer_unmerge WHERE survivor_id = ANY (?) OR merged_id = ANY (?)""";
    private static final String CLEARINGS = "SELECT action_id, type, value, cleared_at FROM identifier_sharing_cleared"
            + " WHERE (type, value) IN (SELECT * FROM unnest(?::text[], ?::text[]))";
    private static final String RECORD_CLEARING = "INSERT INTO identifier_sharing_cleared (action_id, type, value, cleared_at, cleared_by)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (action_id) DO NOTHING";
    // One array of values per identifier type (IdentifierColumns), each column with an index of its own.
    private static final String CONTACTS_CARRYING = "SELECT contact_id, occurred_at, customer_id, " + IdentifierColumns.list("")
            + " FROM contact WHERE " + IdentifierColumns.anyOfArrays();
    private static final String UPSERT_CUSTOMER = """
            INSERT INTO customer (customer_id, first_contact_at, last_contact_at, merged_into, merged_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET first_contact_at = EXCLUDED.first_contact_at,
                last_contact_at = EXCLUDED.last_contact_at, merged_into = EXCLUDED.merged_into, merged_at = EXCLUDED.merged_at""";
    private static final String UPSERT_IDENTIFIER = """
            INSERT INTO customer_identifier (type, value, customer_id, shared, first_seen_at, touched_at, touched_by, seen_with)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, value) DO UPDATE SET customer_id = EXCLUDED.customer_id, shared = EXCLUDED.shared,
                first_seen_at = EXCLUDED.first_seen_at, touched_at = EXCLUDED.touched_at, touched_by = EXCLUDED.touched_by,
                seen_with = EXCLUDED.seen_with""";
    private static final String UPSERT_MERGE = """
            INSERT INTO customer_merge (merge_id, survivor_id, merged_id, cause_contact_id, linking_types, linking_values, merged_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (merge_id) DO UPDATE SET survivor_id = EXCLUDED.survivor_id, merged_id = EXCLUDED.merged_id,
                cause_contact_id = EXCLUDED.cause_contact_id, linking_types = EXCLUDED.linking_types,
                linking_values = EXCLUDED.linking_values, merged_at = EXCLUDED.merged_at""";
    private static final String MOVE_CONTACTS_OF_CUSTOMER = "UPDATE contact SET customer_id = ? WHERE customer_id = ?";
    private static final String MOVE_CONTACT = "UPDATE contact SET customer_id = ? WHERE contact_id = ?";
    private static final String DELETE_MERGES = "DELETE FROM customer_merge WHERE merge_id = ANY (?)";
    private static final String DELETE_IDENTIFIERS =
            "DELETE FROM customer_identifier WHERE (type, value) IN (SELECT * FROM unnest(?::text[], ?::text[]))";
    private static final String DELETE_CUSTOMERS = "DELETE FROM customer WHERE customer_id = ANY (?)";
    private static final String CUSTOMER_BY_IDENTIFIER = """
            SELECT c.customer_id, c.first_contact_at, c.last_contact_at
              FROM customer c JOIN customer_identifier ci USING (customer_id)
             WHERE ci.type = ? AND ci.value = ?""";
    private static final String CUSTOMER_NOT_MERGED =
            "SELECT customer_id, first_contact_at, last_contact_at FROM customer WHERE customer_id = ? AND merged_into IS NULL";
    private static final String IDENTIFIERS_OF = """
            SELECT type, value, shared FROM customer_identifier WHERE customer_id = ? ORDER BY type, first_seen_at, value""";
    // The customer itself or the one it was merged into; failing that (a customer that stopped existing when
    // a late contact re-derived its component), the customer now holding the contact that had created it.
    private static final String CURRENT_ID = """
            SELECT id FROM (SELECT 1 AS rank, coalesce(merged_into, customer_id) AS id FROM customer WHERE customer_id = ?
                            UNION ALL
                            SELECT 2, customer_id FROM contact WHERE origin_customer_id = ?) AS candidates
             ORDER BY rank LIMIT 1""";
    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM customer WHERE customer_id = ?)";
    private static final String IDS_ANSWERING_WITH = "SELECT ?::uuid UNION SELECT origin_customer_id FROM contact WHERE customer_id = ?";
    private static final String CONTACT_COUNT = "SELECT count(*) FROM contact WHERE customer_id = ?";
    // Each of the three off contact_timeline_idx (customer_id, occurred_at DESC, contact_id DESC), newest first, up to
    // the first contact that gives it: for almost every customer the first few index entries.
    private static final String CONTACT_FACTS = """
            SELECT (SELECT language FROM contact WHERE customer_id = ? AND language IS NOT NULL AND btrim(language) <> ''
                     ORDER BY occurred_at DESC, contact_id DESC LIMIT 1) AS language,
                   (SELECT segment FROM contact WHERE customer_id = ? AND segment IS NOT NULL AND btrim(segment) <> ''
                     ORDER BY occurred_at DESC, contact_id DESC LIMIT 1) AS segment,
                   handler.agent_id, handler.occurred_at
              FROM (SELECT 1) AS one
              LEFT JOIN LATERAL (SELECT agent_id, occurred_at FROM contact
                                  WHERE customer_id = ? AND agent_id IS NOT NULL AND btrim(agent_id) <> ''
                                  ORDER BY occurred_at DESC, contact_id DESC LIMIT 1) AS handler ON true""";
    private static final String MEMBERS = "(SELECT ?::uuid UNION ALL SELECT customer_id FROM customer WHERE merged_into = ?)";
    private static final String LINEAGE = "SELECT " + MERGE_COLUMNS + ", NULL::timestamptz AS undone_at FROM customer_merge"
            + " WHERE survivor_id IN " + MEMBERS
            + " UNION ALL SELECT " + MERGE_COLUMNS + ", undone_at FROM customer_unmerge"
            + " WHERE survivor_id IN " + MEMBERS + " OR merged_id IN " + MEMBERS;
    private static final String MERGE = "SELECT " + MERGE_COLUMNS + " FROM customer_merge WHERE merge_id = ?";
    private static final String UNDONE_MERGE = "SELECT " + MERGE_COLUMNS + ", undone_at FROM customer_unmerge WHERE merge_id = ?";
    private static final String RECORD_UNMERGE = """
            INSERT INTO customer_unmerge (merge_id, survivor_id, merged_id, cause_contact_id, linking_types, linking_values,
                                          merged_at, undone_at, undone_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final RowMapper<CustomerState> CUSTOMER_STATE = (rs, row) -> new CustomerState(
            rs.getObject("customer_id", UUID.class), instant(rs, "first_contact_at"), instant(rs, "last_contact_at"),
            rs.getObject("merged_into", UUID.class), instant(rs, "merged_at"));
    private static final RowMapper<IdentifierState> IDENTIFIER_STATE = (rs, row) -> new IdentifierState(
            identifier(rs), rs.getObject("customer_id", UUID.class), rs.getBoolean("shared"), instant(rs, "first_seen_at"),
            new ContactKey(instant(rs, "touched_at"), rs.getObject("touched_by", UUID.class)), uuids(rs.getArray("seen_with")));
    private static final RowMapper<Merge> MERGE_ROW = (rs, row) -> new Merge(
            rs.getObject("merge_id", UUID.class), rs.getObject("survivor_id", UUID.class), rs.getObject("merged_id", UUID.class),
            rs.getObject("cause_contact_id", UUID.class), linkingIdentifiers(rs), instant(rs, "merged_at"));

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
        jdbc.query(LOCK_IDENTIFIERS, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", keys)), rs -> {
        });
    }

    @Override
    public void lockCustomers(Collection<UUID> customerIds) {
        if (!customerIds.isEmpty()) {
            jdbc.query(LOCK_CUSTOMERS, ps -> ps.setArray(1, uuidArray(ps, customerIds)), rs -> {
            });
        }
    }

    @Override
    public List<IdentifierState> identifierStates(Collection<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return jdbc.query(IDENTIFIER_STATES, ps -> bindIdentifiers(ps, 1, identifiers), IDENTIFIER_STATE);
    }

    @Override
    public IdentityState heldBy(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return IdentityState.EMPTY;
        }
        List<CustomerState> customers = jdbc.query(CUSTOMERS_AND_MEMBERS, ps -> {
            ps.setArray(1, uuidArray(ps, customerIds));
            ps.setArray(2, uuidArray(ps, customerIds));
        }, CUSTOMER_STATE);
        return new IdentityState(customers, identifiersOwnedBy(customerIds), List.of());
    }

    @Override
    public IdentityState stateOf(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return IdentityState.EMPTY;
        }
        List<CustomerState> customers = jdbc.query(CUSTOMERS, ps -> ps.setArray(1, uuidArray(ps, customerIds)), CUSTOMER_STATE);
        List<Merge> merges = jdbc.query(MERGES_OF, ps -> ps.setArray(1, uuidArray(ps, customerIds)), MERGE_ROW);
        return new IdentityState(customers, identifiersOwnedBy(customerIds), merges);
    }

    @Override
    public List<MergeSuppression> suppressionsAmong(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(SUPPRESSIONS, ps -> {
            ps.setArray(1, uuidArray(ps, customerIds));
            ps.setArray(2, uuidArray(ps, customerIds));
        }, (rs, row) -> new MergeSuppression(rs.getObject("merge_id", UUID.class), rs.getObject("survivor_id", UUID.class),
                rs.getObject("merged_id", UUID.class)));
    }

    @Override
    public List<AttributedContact> contactsCarrying(Collection<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return jdbc.query(CONTACTS_CARRYING, ps -> {
            int i = 0;
            for (IdentifierType type : IdentifierColumns.TYPES) {
                String[] values = identifiers.stream().filter(id -> id.type() == type).map(Identifier::value).toArray(String[]::new);
                ps.setArray(++i, ps.getConnection().createArrayOf("text", values));
            }
        }, (rs, row) -> {
            List<Identifier> carried = new ArrayList<>(IdentifierColumns.TYPES.size());
            IdentifierColumns.valuesIn(rs).forEach((type, value) -> carried.add(new Identifier(type, value)));
            ContactIdentity identity = new ContactIdentity(rs.getObject("contact_id", UUID.class), instant(rs, "occurred_at"), carried);
            return new AttributedContact(identity, rs.getObject("customer_id", UUID.class));
        });
    }

    @Override
    public void apply(IdentityState changes) {
        // Customers first: identifiers, merges and contacts reference them.
        upsertCustomers(changes.customers());
        batch(jdbc, UPSERT_MERGE, changes.merges(), JdbcCustomerStore::bindMerge);
        upsertIdentifiers(changes.identifiers());
        Map<UUID, UUID> currentIdOf = changes.customers().stream().filter(CustomerState::merged)
                .collect(Collectors.toMap(CustomerState::customerId, CustomerState::mergedInto));
        batch(jdbc, MOVE_CONTACTS_OF_CUSTOMER, changes.merges(), (ps, merge) -> {
            ps.setObject(1, currentIdOf.get(merge.mergedId()));
            ps.setObject(2, merge.mergedId());
        });
    }

    @Override
    public void replace(IdentityState before, IdentityState after, Map<UUID, UUID> customerByStoredContact) {
        upsertCustomers(after.customers());
        batch(jdbc, MOVE_CONTACT, List.copyOf(customerByStoredContact.entrySet()), (ps, moved) -> {
            ps.setObject(1, moved.getValue());
            ps.setObject(2, moved.getKey());
        });
        upsertIdentifiers(after.identifiers());
        Set<UUID> mergesAfter = after.merges().stream().map(Merge::mergeId).collect(Collectors.toSet());
        UUID[] goneMerges = before.merges().stream().map(Merge::mergeId).filter(id -> !mergesAfter.contains(id)).toArray(UUID[]::new);
        if (goneMerges.length > 0) {
            jdbc.update(DELETE_MERGES, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", goneMerges)));
        }
        batch(jdbc, UPSERT_MERGE, after.merges(), JdbcCustomerStore::bindMerge);
        Set<Identifier> identifiersAfter = after.identifiers().stream().map(IdentifierState::identifier).collect(Collectors.toSet());
        List<Identifier> goneIdentifiers = before.identifiers().stream().map(IdentifierState::identifier)
                .filter(identifier -> !identifiersAfter.contains(identifier)).toList();
        if (!goneIdentifiers.isEmpty()) {
            jdbc.update(DELETE_IDENTIFIERS, ps -> bindIdentifiers(ps, 1, goneIdentifiers));
        }
        Set<UUID> customersAfter = after.customers().stream().map(CustomerState::customerId).collect(Collectors.toSet());
        UUID[] goneCustomers = before.customers().stream().map(CustomerState::customerId)
                .filter(id -> !customersAfter.contains(id)).toArray(UUID[]::new);
        if (goneCustomers.length > 0) {
            jdbc.update(DELETE_CUSTOMERS, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", goneCustomers)));
        }
    }

    @Override
    public Optional<Customer> findByIdentifier(Identifier identifier) {
        return jdbc.query(CUSTOMER_BY_IDENTIFIER, this::customer, identifier.type().name(), identifier.value()).stream().findFirst();
    }

    @Override
    public Optional<UUID> currentIdOf(UUID customerId) {
        return jdbc.queryForList(CURRENT_ID, UUID.class, customerId, customerId).stream().findFirst();
    }

    @Override
    public Set<UUID> idsAnsweringWith(UUID currentId) {
        return new HashSet<>(jdbc.queryForList(IDS_ANSWERING_WITH, UUID.class, currentId, currentId));
    }

    @Override
    public boolean exists(UUID customerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(EXISTS, Boolean.class, customerId));
    }

    @Override
    public Optional<Customer> find(UUID customerId) {
        return jdbc.query(CUSTOMER_NOT_MERGED, this::customer, customerId).stream().findFirst();
    }

    @Override
    public long contactCount(UUID customerId) {
        Long count = jdbc.queryForObject(CONTACT_COUNT, Long.class, customerId);
        return count == null ? 0 : count;
    }

    @Override
    public ContactFacts contactFactsOf(UUID customerId, int namesShown) {
        List<String> names = ContactNames.of(jdbc, List.of(customerId), namesShown).getOrDefault(customerId, List.of());
        return jdbc.queryForObject(CONTACT_FACTS, (rs, row) -> {
            String agent = rs.getString("agent_id");
            return new ContactFacts(names, rs.getString("language"), rs.getString("segment"),
                    agent == null ? null : new ContactFacts.LastHandler(agent, instant(rs, "occurred_at")));
        }, customerId, customerId, customerId);
    }

    @Override
    public List<MergeLineage> lineageOf(UUID customerId) {
        return jdbc.query(LINEAGE, (rs, row) -> new MergeLineage(MERGE_ROW.mapRow(rs, row), instant(rs, "undone_at")),
                customerId, customerId, customerId, customerId, customerId, customerId);
    }

    @Override
    public Optional<Merge> merge(UUID mergeId) {
        return jdbc.query(MERGE, MERGE_ROW, mergeId).stream().findFirst();
    }

    @Override
    public Optional<MergeLineage> undoneMerge(UUID mergeId) {
        return jdbc.query(UNDONE_MERGE, (rs, row) -> new MergeLineage(MERGE_ROW.mapRow(rs, row), instant(rs, "undone_at")), mergeId)
                .stream().findFirst();
    }

    @Override
    public List<SharingCleared> clearingsOf(Collection<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return jdbc.query(CLEARINGS, ps -> bindIdentifiers(ps, 1, identifiers), (rs, row) -> new SharingCleared(
                rs.getObject("action_id", UUID.class), identifier(rs), instant(rs, "cleared_at")));
    }

    @Override
    public void recordClearing(SharingCleared clearing, String clearedBy) {
        jdbc.update(RECORD_CLEARING, ps -> {
            ps.setObject(1, clearing.actionId());
            ps.setString(2, clearing.identifier().type().name());
            ps.setString(3, clearing.identifier().value());
            ps.setObject(4, timestamp(clearing.clearedAt()));
            ps.setString(5, clearedBy);
        });
    }

    @Override
    public void recordUnmerge(Merge merge, Instant undoneAt, String undoneBy) {
        jdbc.update(RECORD_UNMERGE, ps -> {
            bindMerge(ps, merge);
            ps.setObject(8, timestamp(undoneAt));
            ps.setString(9, undoneBy);
        });
    }

    private List<IdentifierState> identifiersOwnedBy(Collection<UUID> customerIds) {
        return jdbc.query(IDENTIFIERS_OWNED_BY, ps -> ps.setArray(1, uuidArray(ps, customerIds)), IDENTIFIER_STATE);
    }

    private void upsertCustomers(List<CustomerState> customers) {
        batch(jdbc, UPSERT_CUSTOMER, customers, (ps, customer) -> {
            ps.setObject(1, customer.customerId());
            ps.setObject(2, timestamp(customer.firstContactAt()));
            ps.setObject(3, timestamp(customer.lastContactAt()));
            ps.setObject(4, customer.mergedInto());
            ps.setObject(5, timestamp(customer.mergedAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        });
    }

    private void upsertIdentifiers(List<IdentifierState> identifiers) {
        batch(jdbc, UPSERT_IDENTIFIER, identifiers, (ps, state) -> {
            ps.setString(1, state.identifier().type().name());
            ps.setString(2, state.identifier().value());
            ps.setObject(3, state.ownerId());
            ps.setBoolean(4, state.shared());
            ps.setObject(5, timestamp(state.firstSeenAt()));
            ps.setObject(6, timestamp(state.touchedBy().occurredAt()));
            ps.setObject(7, state.touchedBy().contactId());
            ps.setArray(8, uuidArray(ps, state.seenWith()));
        });
    }

    private static void bindMerge(PreparedStatement ps, Merge merge) throws SQLException {
        ps.setObject(1, merge.mergeId());
        ps.setObject(2, merge.survivorId());
        ps.setObject(3, merge.mergedId());
        ps.setObject(4, merge.causeContactId());
        ps.setArray(5, ps.getConnection().createArrayOf("text",
                merge.linkingIdentifiers().stream().map(identifier -> identifier.type().name()).toArray()));
        ps.setArray(6, ps.getConnection().createArrayOf("text", merge.linkingIdentifiers().stream().map(Identifier::value).toArray()));
        ps.setObject(7, timestamp(merge.mergedAt()));
    }

    private static void bindIdentifiers(PreparedStatement ps, int first, Collection<Identifier> identifiers) throws SQLException {
        ps.setArray(first, ps.getConnection().createArrayOf("text", identifiers.stream().map(i -> i.type().name()).toArray()));
        ps.setArray(first + 1, ps.getConnection().createArrayOf("text", identifiers.stream().map(Identifier::value).toArray()));
    }

    private static Array uuidArray(PreparedStatement ps, Collection<UUID> ids) throws SQLException {
        return ps.getConnection().createArrayOf("uuid", ids.toArray());
    }

    private Customer customer(ResultSet rs, int row) throws SQLException {
        UUID customerId = rs.getObject("customer_id", UUID.class);
        return new Customer(customerId, jdbc.query(IDENTIFIERS_OF, (r, n) -> new OwnedIdentifier(identifier(r), r.getBoolean("shared")),
                customerId), instant(rs, "first_contact_at"), instant(rs, "last_contact_at"));
    }

    private static Identifier identifier(ResultSet rs) throws SQLException {
        return new Identifier(IdentifierType.valueOf(rs.getString("type")), rs.getString("value"));
    }

    private static List<Identifier> linkingIdentifiers(ResultSet rs) throws SQLException {
        String[] types = (String[]) rs.getArray("linking_types").getArray();
        String[] values = (String[]) rs.getArray("linking_values").getArray();
        List<Identifier> identifiers = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            identifiers.add(new Identifier(IdentifierType.valueOf(types[i]), values[i]));
        }
        return identifiers;
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
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
