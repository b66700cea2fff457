package io.omnirouter.history.search.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.search.infrastructure.JdbcCustomerSearchIndex.Statement;
import io.omnirouter.history.search.model.CustomerQuery;
import io.omnirouter.history.search.model.SearchCursor;
import io.omnirouter.identifiers.IdentifierNormalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search never reads the whole contact table (issue 14): on 50,000 contacts, analyzed, PostgreSQL plans each of its
 * queries, exactly as {@link JdbcCustomerSearchIndex} runs them, on the indexes of V1, V2 and V37. Plans, not times: a
 * plan does not depend on the machine.
 */
class CustomerSearchPlansIT extends HistoryIntegrationTest {

    private static final int CONTACTS = 50_000;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private IdentifierNormalizer normalizer;
    @Autowired
    private JsonMapper json;

    /**
     * One set-based statement per table: 50,000 customers each with an e-mail address, a phone number and a contact
     * with a name (three of them Ana Nováková), every tenth an order. What the inserts queue for the follow-up is
     * taken out in the same transaction, so the follow-up's workers never see these rows.
     */
    @BeforeEach
    void fiftyThousandContacts() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO customer (customer_id, first_contact_at, last_contact_at)
                    SELECT md5('customer' || i)::uuid, t, t
                      FROM generate_series(1, ?) AS i, LATERAL (SELECT timestamptz '2026-01-01' + i * interval '1 minute') AS at(t)""",
                    CONTACTS);
            jdbc.update("""
                    INSERT INTO customer_identifier (type, value, customer_id, first_seen_at, touched_at, touched_by, seen_with)
                    SELECT type, value, md5('customer' || i)::uuid, timestamptz '2026-01-01', timestamptz '2026-01-01',
                           md5('contact' || i)::uuid, ARRAY[md5('customer' || i)::uuid]
                      FROM generate_series(1, ?) AS i,
                           LATERAL (VALUES ('EMAIL', 'person' || i || '@example.com'), ('PHONE', '+3864' || (1000000 + i))) AS id(type, value)""",
                    CONTACTS);
            jdbc.update("""
                    INSERT INTO contact (contact_id, customer_id, origin_customer_id, source_event_id, source, channel, direction,
                                         kind, occurred_at, routed_at, email, customer_name, thread_key, channel_ref, text_truncated,
                                         intent, priority, queue, attachment_names, order_id, warnings)
                    SELECT md5('contact' || i)::uuid, md5('customer' || i)::uuid, md5('customer' || i)::uuid, 'evt-' || i, 'load',
                           'EMAIL', 'INBOUND', 'EMAIL', t, t, 'person' || i || '@example.com',
                           CASE WHEN i % 20000 = 0 THEN 'Ana Nováková' ELSE 'Person ' || md5('name' || i) END,
                           'email:' || i, 'ref-' || i, false, 'QUESTION', 'NORMAL', 'general', '{}',
                           CASE WHEN i % 10 = 0 THEN 'ORD-' || i END, '{}'
                      FROM generate_series(1, ?) AS i, LATERAL (SELECT timestamptz '2026-01-01' + i * interval '1 minute') AS at(t)""",
                    CONTACTS);
            jdbc.update("DELETE FROM followup_pending");
        });
        jdbc.execute("ANALYZE customer");
        jdbc.execute("ANALYZE customer_identifier");
        jdbc.execute("ANALYZE contact");
    }

    @Test
    void aNameIsFoundThroughTheTrigramIndexOfFoldedNames() {
        SearchCursor somewhere = new SearchCursor(true, Instant.parse("2026-02-01T00:00:00Z"), UUID.randomUUID());
        for (String typed : List.of("novakova", "NOVÁK", "ana nov", "Nováková Ana")) {
            List<String> words = CustomerQuery.interpret(typed, normalizer).nameWords();
            for (Optional<SearchCursor> after : List.of(Optional.<SearchCursor>empty(), Optional.of(somewhere))) {
                List<JsonNode> plan = plan(JdbcCustomerSearchIndex.nameMatchesStatement(words, List.of(UUID.randomUUID()), after, 21));

                assertThat(indexesUsed(plan)).as(typed + ": " + plan).contains("contact_customer_name_search_idx");
                assertThat(seqScans(plan)).as(typed + ": " + plan).isEmpty();
            }
        }
        assertThat(jdbc.queryForList("SELECT customer_name FROM contact WHERE public.search_fold(customer_name) LIKE '%novakova%'",
                String.class)).as("the fold: accents and case aside").hasSize(2).containsOnly("Ana Nováková");
    }

    @Test
    void identifiersAndOrdersAreFoundThroughTheirIndexes() {
        for (String typed : List.of("person4242@example.com", "041 004 242", "ORD-4240", "4242")) {
            List<JsonNode> plan = plan(JdbcCustomerSearchIndex.exactMatchesStatement(CustomerQuery.interpret(typed, normalizer).exactKeys()));

            assertThat(indexesUsed(plan)).as(typed + ": " + plan).contains("customer_identifier_pkey", "contact_order_id_idx");
            assertThat(seqScans(plan)).as(typed + ": " + plan).isEmpty();
        }
    }

    @Test
    void theNamesAndIdentifiersOfAPageAreReadByCustomer() {
        // What the search reads for the customers of a page, through the use case's own store.
        JdbcCustomerSearchIndex index = new JdbcCustomerSearchIndex(jdbc);
        UUID customer = jdbc.queryForObject("SELECT md5('customer' || 20000)::uuid", UUID.class);

        assertThat(index.names(List.of(customer), 3)).containsEntry(customer, List.of("Ana Nováková"));
        assertThat(index.identifiers(List.of(customer)).get(customer)).hasSize(2);
        for (String sql : List.of("SELECT customer_id, customer_name FROM contact WHERE customer_id = ANY (?::uuid[])",
                "SELECT customer_id FROM customer_identifier WHERE customer_id = ANY (?::uuid[])")) {
            List<JsonNode> plan = plan(new Statement(sql, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", new Object[] {customer}))));
            assertThat(seqScans(plan)).as(plan.toString()).isEmpty();
        }
    }

    /** Every node of the plan PostgreSQL makes for the statement with its parameters (a custom plan, as the search's). */
    private List<JsonNode> plan(Statement statement) {
        String explained = jdbc.query("EXPLAIN (FORMAT JSON) " + statement.sql(), statement.parameters(),
                rs -> rs.next() ? rs.getString(1) : null);
        List<JsonNode> nodes = new ArrayList<>();
        collect(json.readTree(explained).get(0).get("Plan"), nodes);
        return nodes;
    }

    private static void collect(JsonNode node, List<JsonNode> nodes) {
        nodes.add(node);
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, nodes));
        }
    }

    private static List<String> indexesUsed(List<JsonNode> plan) {
        return plan.stream().filter(node -> node.has("Index Name")).map(node -> node.get("Index Name").asString()).toList();
    }

    private static List<String> seqScans(List<JsonNode> plan) {
        return plan.stream().filter(node -> node.get("Node Type").asString().equals("Seq Scan"))
                .map(node -> node.get("Relation Name").asString()).toList();
    }
}
