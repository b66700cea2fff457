package io.omnirouter.history.contact;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Intent;
import io.omnirouter.history.HistoryIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class TimelineIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
    private static final int CONTACTS = 120;
    private static final int PAGE = 50;
    private static final int EXCERPT_LENGTH = 280;
    // Newest first, ties broken by contact id descending; PostgreSQL orders uuids like their hex text.
    private static final Comparator<ContactEvent> TIMELINE_ORDER = Comparator.comparing(ContactEvent::getOccurredAt)
            .thenComparing(ContactEvent::getContactId).reversed();

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void pagesThroughTheWholeTimelineWithoutGapsOrDuplicatesWhileNewContactsArrive() {
        String address = "pages-" + UUID.randomUUID() + "@example.com";
        List<ContactEvent> events = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            // Two contacts per minute: equal times must be ordered by contact id, across page boundaries too.
            Channel channel = i % 2 == 0 ? Channel.EMAIL : Channel.CHAT;
            events.add(contact(channel, T0.plusSeconds(60L * (i / 2))).setIdentifiers(email(address))
                    .setThreadKey("thread-" + (i % 5)).build());
        }
        publish(events.toArray(ContactEvent[]::new));
        String customerId = awaitStored(address, CONTACTS);

        JsonNode first = page(customerId, null, null);
        assertThat(first.get("items")).hasSize(PAGE);
        // A contact newer than everything arrives between two pages: the pages after the cursor are unaffected.
        publish(contact(Channel.PHONE, T0.plusSeconds(86_400)).setIdentifiers(email(address)).build());
        awaitStored(address, CONTACTS + 1);
        JsonNode second = page(customerId, first.get("nextCursor").asString(), null);
        assertThat(second.get("items")).hasSize(PAGE);
        JsonNode third = page(customerId, second.get("nextCursor").asString(), null);
        assertThat(third.get("items")).hasSize(CONTACTS - 2 * PAGE);
        assertThat(third.get("nextCursor").isNull()).isTrue();

        List<String> paged = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("items").forEach(item -> paged.add(item.get("contactId").asString()));
        }
        assertThat(paged).containsExactlyElementsOf(events.stream().sorted(TIMELINE_ORDER).map(ContactEvent::getContactId).toList());
    }

    @Test
    void theFilterValuesAreTheOnesTheTimelineAccepts() {
        JsonNode filters = json(mvc.get().uri("/api/timeline/filters"), 200);

        assertThat(filters.get("channel").valueStream().map(JsonNode::asString))
                .containsExactly(java.util.Arrays.stream(Channel.values()).map(Enum::name).toArray(String[]::new));
        assertThat(filters.get("direction").valueStream().map(JsonNode::asString)).containsExactly("INBOUND", "OUTBOUND");
        assertThat(filters.get("intent").valueStream().map(JsonNode::asString))
                .containsExactly(java.util.Arrays.stream(io.omnirouter.history.contact.model.Intent.values()).map(Enum::name).toArray(String[]::new));
        // Each is a value the timeline takes.
        UUID unknown = UUID.randomUUID();
        for (String channel : filters.get("channel").valueStream().map(JsonNode::asString).toList()) {
            assertThat(mvc.get().uri("/api/customers/{id}/timeline", unknown).param("channel", channel).exchange()).hasStatus(404);
        }
    }

    @Test
    void theChannelFilterPagesThroughOneChannelOnly() {
        String address = "filter-" + UUID.randomUUID() + "@example.com";
        List<ContactEvent> events = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            Channel channel = i % 4 == 0 ? Channel.PHONE : i % 2 == 0 ? Channel.EMAIL : Channel.CHAT;
            events.add(contact(channel, T0.plusSeconds(60L * i)).setIdentifiers(email(address)).build());
        }
        publish(events.toArray(ContactEvent[]::new));
        String customerId = awaitStored(address, CONTACTS);

        List<String> chats = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(customerId, cursor, "CHAT");
            page.get("items").forEach(item -> {
                assertThat(item.get("channel").asString()).isEqualTo("CHAT");
                chats.add(item.get("contactId").asString());
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(chats).containsExactlyElementsOf(events.stream().filter(e -> e.getChannel() == Channel.CHAT)
                .sorted(TIMELINE_ORDER).map(ContactEvent::getContactId).toList());
    }

    @Test
    void channelDirectionAndIntentFiltersCombineAcrossPages() {
        String address = "filters-" + UUID.randomUUID() + "@example.com";
        List<ContactEvent> events = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            events.add(contact(i % 3 == 0 ? Channel.EMAIL : Channel.CHAT, T0.plusSeconds(60L * i)).setIdentifiers(email(address))
                    .setDirection(i % 2 == 0 ? Direction.OUTBOUND : Direction.INBOUND)
                    .setIntent(i % 5 == 0 ? Intent.COMPLAINT : Intent.QUESTION).build());
        }
        publish(events.toArray(ContactEvent[]::new));
        String customerId = awaitStored(address, CONTACTS);

        List<String> shown = new ArrayList<>();
        String cursor = null;
        do {
            var request = mvc.get().uri("/api/customers/{id}/timeline", customerId).param("limit", "3")
                    .param("channel", "email").param("direction", "outbound").param("intent", "Complaint");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page = json(request, 200);
            page.get("items").forEach(item -> shown.add(item.get("contactId").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        // i divisible by 3, 2 and 5: every thirtieth contact.
        assertThat(shown).hasSize(CONTACTS / 30).containsExactlyElementsOf(events.stream()
                .filter(e -> e.getChannel() == Channel.EMAIL && e.getDirection() == Direction.OUTBOUND
                        && e.getIntent() == Intent.COMPLAINT)
                .sorted(TIMELINE_ORDER).map(ContactEvent::getContactId).toList());
    }

    @Test
    void longTextsAreShownAsAnExcerpt() {
        String address = "excerpt-" + UUID.randomUUID() + "@example.com";
        String text = "x".repeat(EXCERPT_LENGTH) + "the rest is in the thread view";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setText(text).build());
        String customerId = awaitStored(address, 1);

        assertThat(page(customerId, null, null).get("items").get(0).get("textExcerpt").asString())
                .isEqualTo("x".repeat(EXCERPT_LENGTH) + "…");
    }

    @Test
    void anUnknownCustomerIsAProblem404() {
        JsonNode problem = json(mvc.get().uri("/api/customers/{id}/timeline", UUID.randomUUID()), 404);

        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asString()).isEqualTo("Customer not found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not-a-uuid                                                  |
            00000000-0000-0000-0000-000000000001?limit=0                |
            00000000-0000-0000-0000-000000000001?limit=201              |
            00000000-0000-0000-0000-000000000001?limit=ten              |
            00000000-0000-0000-0000-000000000001?cursor=bm90LWEtY3Vyc29y |
            00000000-0000-0000-0000-000000000001?channel=FAX            |
            00000000-0000-0000-0000-000000000001?direction=SIDEWAYS     |
            00000000-0000-0000-0000-000000000001?intent=GOSSIP          |
            """)
    void badParametersAreAProblem400(String pathAndQuery) {
        var result = mvc.get().uri("/api/customers/" + pathAndQuery.replace("?", "/timeline?")
                + (pathAndQuery.contains("?") ? "" : "/timeline")).exchange();

        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
    }

    private JsonNode page(String customerId, String cursor, String channel) {
        var request = mvc.get().uri("/api/customers/{id}/timeline", customerId).param("limit", String.valueOf(PAGE));
        if (cursor != null) {
            request.param("cursor", cursor);
        }
        if (channel != null) {
            request.param("channel", channel);
        }
        return json(request, 200);
    }

    private String awaitStored(String address, int contacts) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM contact c JOIN customer_identifier ci USING (customer_id)
                 WHERE ci.type = 'EMAIL' AND ci.value = ?""", Integer.class, address) == contacts);
        return json(mvc.get().uri("/api/customers/lookup").param("email", address), 200).get("customerId").asString();
    }
}
