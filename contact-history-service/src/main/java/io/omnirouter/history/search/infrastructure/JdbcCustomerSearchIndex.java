package io.omnirouter.history.search.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.history.customer.model.Customer.OwnedIdentifier;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.search.application.CustomerSearchIndex;
import io.omnirouter.history.search.model.Candidate;
import io.omnirouter.history.search.model.ExactKey;
import io.omnirouter.history.search.model.MatchedBy;
import io.omnirouter.history.search.model.SearchCursor;
import io.omnirouter.history.shared.jdbc.ContactNames;
import io.omnirouter.identifiers.IdentifierType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * {@link CustomerSearchIndex} on the live tables. Which index serves each query is said at the query; CustomerSearchPlansIT
 * holds them to it with EXPLAIN on 50,000 contacts.
 */
@Repository
class JdbcCustomerSearchIndex implements CustomerSearchIndex {

    // Identifiers by customer_identifier's primary key (type, value), orders by contact_order_id_idx (V37). Identifiers
    // and contacts move to the survivor when customers merge (customer/infrastructure/JdbcCustomerStore); the
    // survivor is asked for all the same (merged_into), so that a merged customer can never answer as itself.
    private static final String EXACT_MATCHES = """
            SELECT cu.customer_id, cu.last_contact_at, m.matched_by
              FROM (SELECT ci.customer_id, ci.type AS matched_by FROM customer_identifier ci
                     WHERE (ci.type, ci.value) IN (SELECT * FROM unnest(?::text[], ?::text[]))
                    UNION
                    SELECT c.customer_id, 'ORDER_ID' FROM contact c WHERE c.order_id = ANY (?::text[])) AS m
              JOIN customer held ON held.customer_id = m.customer_id
              JOIN customer cu ON cu.customer_id = coalesce(held.merged_into, held.customer_id)""";
    // One condition per word, each served by contact_customer_name_search_idx (V37: trigrams of the folded name); the
    // pattern is folded by the same function, so 'NOVÁK' finds 'Nováková'. The customers are then read by their key.
    private static final String NAME_MATCHES = """
            SELECT cu.customer_id, cu.last_contact_at
              FROM customer cu
             WHERE cu.customer_id IN (SELECT c.customer_id FROM contact c WHERE c.customer_name IS NOT NULL%s)
               AND cu.merged_into IS NULL
               AND NOT (cu.customer_id = ANY (?::uuid[]))%s
             ORDER BY cu.last_contact_at DESC, cu.customer_id DESC
             LIMIT ?""";
    private static final String NAME_CONTAINS = " AND public.search_fold(c.customer_name) LIKE '%' || public.search_fold(?) || '%' ESCAPE '\\'";
    private static final String AFTER_CURSOR = " AND (cu.last_contact_at, cu.customer_id) < (?, ?)";
    // Off customer_identifier_customer_idx, in the profile's order (JdbcCustomerStore's IDENTIFIERS_OF).
    private static final String IDENTIFIERS = """
            SELECT customer_id, type, value, shared FROM customer_identifier WHERE customer_id = ANY (?::uuid[])
             ORDER BY customer_id, type, first_seen_at, value""";

    private static final RowMapper<Candidate> EXACT = (rs, row) -> new Candidate(rs.getObject("customer_id", UUID.class),
            instant(rs, "last_contact_at"), MatchedBy.valueOf(rs.getString("matched_by")));
    private static final RowMapper<Candidate> BY_NAME = (rs, row) -> new Candidate(rs.getObject("customer_id", UUID.class),
            instant(rs, "last_contact_at"), MatchedBy.NAME);

    private final JdbcTemplate jdbc;

    JdbcCustomerSearchIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A statement with its parameters: what the search runs, and what CustomerSearchPlansIT explains. */
    record Statement(String sql, PreparedStatementSetter parameters) {
    }

    @Override
    public List<Candidate> exactMatches(List<ExactKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Statement exact = exactMatchesStatement(keys);
        return jdbc.query(exact.sql(), exact.parameters(), EXACT);
    }

    @Override
    public List<Candidate> nameMatches(List<String> words, Collection<UUID> excluded, Optional<SearchCursor> after, int limit) {
        if (words.isEmpty()) {
            return List.of();
        }
        Statement byName = nameMatchesStatement(words, excluded, after, limit);
        return jdbc.query(byName.sql(), byName.parameters(), BY_NAME);
    }

    @Override
    public Map<UUID, List<String>> names(Collection<UUID> customerIds, int perCustomer) {
        return ContactNames.of(jdbc, customerIds, perCustomer);
    }

    @Override
    public Map<UUID, List<OwnedIdentifier>> identifiers(Collection<UUID> customerIds) {
        Map<UUID, List<OwnedIdentifier>> identifiers = new LinkedHashMap<>();
        if (!customerIds.isEmpty()) {
            jdbc.query(IDENTIFIERS, ps -> ps.setArray(1, uuids(ps, customerIds)), rs -> {
                identifiers.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new ArrayList<>()).add(new OwnedIdentifier(
                        new Identifier(IdentifierType.valueOf(rs.getString("type")), rs.getString("value")), rs.getBoolean("shared")));
            });
        }
        return identifiers;
    }

    static Statement exactMatchesStatement(List<ExactKey> keys) {
        List<ExactKey> identifiers = keys.stream().filter(key -> key.matchedBy().identifierType().isPresent()).toList();
        String[] orderIds = keys.stream().filter(key -> key.matchedBy() == MatchedBy.ORDER_ID).map(ExactKey::value).toArray(String[]::new);
        return new Statement(EXACT_MATCHES, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text",
                    identifiers.stream().map(key -> key.matchedBy().identifierType().orElseThrow().name()).toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("text", identifiers.stream().map(ExactKey::value).toArray()));
            ps.setArray(3, ps.getConnection().createArrayOf("text", orderIds));
        });
    }

    static Statement nameMatchesStatement(List<String> words, Collection<UUID> excluded, Optional<SearchCursor> after, int limit) {
        String sql = NAME_MATCHES.formatted(String.join("", Collections.nCopies(words.size(), NAME_CONTAINS)),
                after.isPresent() ? AFTER_CURSOR : "");
        return new Statement(sql, ps -> {
            int i = 0;
            for (String word : words) {
                ps.setString(++i, likeEscaped(word));
            }
            ps.setArray(++i, uuids(ps, excluded));
            if (after.isPresent()) {
                ps.setObject(++i, timestamp(after.get().lastContactAt()));
                ps.setObject(++i, after.get().customerId());
            }
            ps.setInt(++i, limit);
        });
    }

    /** A word matched as itself: LIKE's wildcards and its escape character typed into the box are plain characters. */
    static String likeEscaped(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static java.sql.Array uuids(PreparedStatement ps, Collection<UUID> ids) throws SQLException {
        return ps.getConnection().createArrayOf("uuid", ids.toArray());
    }
}
