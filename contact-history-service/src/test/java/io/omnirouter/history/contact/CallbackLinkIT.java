package io.omnirouter.history.contact;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.contact.model.CallbackLink;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.contact.model.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Callbacks in the missed call's conversation (docs/callbacks.md), read through the timeline and thread API. */
class CallbackLinkIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-04-14T09:00:00Z");
    /** application.yml's omnirouter.history.callbacks.link-window. */
    private static final CallbackLink LINK = new CallbackLink(Duration.ofHours(24));

    @Test
    void aCallbackSitsInTheConversationOfTheCustomersLatestMissedCallWithinTheWindow() {
        CustomerIdentifiers customer = email("callbacks-" + UUID.randomUUID() + "@example.com");
        ContactEvent firstMissed = missed(customer, T0);
        ContactEvent voicemail = inbound(customer, T0.plus(Duration.ofMinutes(10)), "CALL_VOICEMAIL");
        ContactEvent callback = outbound(customer, T0.plus(Duration.ofMinutes(30)), "CALL_ANSWERED");
        ContactEvent unanswered = outbound(customer, T0.plus(Duration.ofMinutes(35)), "CALL_MISSED");
        ContactEvent secondCallback = outbound(customer, T0.plus(Duration.ofMinutes(40)), "CALL_ANSWERED");
        ContactEvent answeredInbound = inbound(customer, T0.plus(Duration.ofMinutes(50)), "CALL_ANSWERED");
        ContactEvent tooLate = outbound(customer, T0.plus(Duration.ofMinutes(10)).plus(Duration.ofHours(24)).plusSeconds(1),
                "CALL_ANSWERED");
        publish(tooLate, secondCallback, answeredInbound, unanswered, callback, voicemail, firstMissed);
        String customerId = awaitTimeline(customer, 7);

        Map<String, JsonNode> callbackFor = callbackForById(customerId);
        assertThat(callbackFor.get(callback.getContactId()).get("contactId").asString()).isEqualTo(voicemail.getContactId());
        assertThat(callbackFor.get(callback.getContactId()).get("threadKey").asString()).isEqualTo(voicemail.getThreadKey());
        assertThat(callbackFor.get(callback.getContactId()).get("occurredAt").asString())
                .isEqualTo(voicemail.getOccurredAt().toString());
        assertThat(callbackFor.get(secondCallback.getContactId()).get("contactId").asString()).isEqualTo(voicemail.getContactId());
        for (ContactEvent none : List.of(firstMissed, voicemail, unanswered, answeredInbound, tooLate)) {
            assertThat(callbackFor.get(none.getContactId()).isNull()).as("%s is no callback", none.getKind()).isTrue();
        }

        assertThat(threadIds(customerId, voicemail.getThreadKey()))
                .containsExactly(voicemail.getContactId(), callback.getContactId(), secondCallback.getContactId());
        assertThat(threadIds(customerId, firstMissed.getThreadKey())).containsExactly(firstMissed.getContactId());
        assertThat(threadIds(customerId, callback.getThreadKey())).containsExactly(callback.getContactId());
    }

    @Test
    void aMissedCallArrivingLateOrAMergeLinksTheCallbackAsIfTheyHadComeInOrder() {
        String phone = "+38641" + String.format("%06d", new Random().nextInt(1_000_000));
        CustomerIdentifiers byPhone = CustomerIdentifiers.newBuilder().setPhone(phone).build();
        CustomerIdentifiers byEmail = email("late-missed-" + UUID.randomUUID() + "@example.com");
        ContactEvent callback = outbound(byPhone, T0.plus(Duration.ofHours(2)), "CALL_ANSWERED");
        publish(callback);
        String customerId = awaitTimeline(byPhone, 1);
        assertThat(callbackForById(customerId).get(callback.getContactId()).isNull()).isTrue();

        // The missed call was stored after its callback: the link is there as soon as it is.
        ContactEvent missed = missed(byPhone, T0);
        publish(missed);
        awaitTimeline(byPhone, 2);
        assertThat(callbackForById(customerId).get(callback.getContactId()).get("contactId").asString())
                .isEqualTo(missed.getContactId());

        // A later missed call, first known under another identity, becomes the latest when an order merges the two.
        ContactEvent laterMissed = missed(byEmail, T0.plus(Duration.ofHours(1)));
        publish(laterMissed);
        awaitTimeline(byEmail, 1);
        publish(contact(Channel.WEBSHOP, T0.plus(Duration.ofHours(3)))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(byEmail.getEmail()).build()).build());
        String merged = awaitTimeline(byPhone, 4);
        assertThat(callbackForById(merged).get(callback.getContactId()).get("contactId").asString())
                .isEqualTo(laterMissed.getContactId());
        assertThat(threadIds(merged, laterMissed.getThreadKey())).containsExactly(laterMissed.getContactId(), callback.getContactId());
        assertThat(threadIds(merged, missed.getThreadKey())).containsExactly(missed.getContactId());
    }

    @Test
    void theStoredLinksAreTheRuleAppliedToTheCustomersCalls() {
        CustomerIdentifiers customer = email("random-calls-" + UUID.randomUUID() + "@example.com");
        Random random = new Random(20261206);
        List<String> kinds = List.of("CALL_ANSWERED", "CALL_MISSED", "CALL_ABANDONED", "CALL_VOICEMAIL", "CALL_BUSY");
        List<ContactEvent> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Three days of calls, some at the same second, so that the window's edges and ties are crossed.
            Instant at = T0.plusSeconds(random.nextInt(3 * 24 * 60) * 60L);
            String kind = kinds.get(random.nextInt(kinds.size()));
            calls.add(random.nextBoolean() ? inbound(customer, at, kind) : outbound(customer, at, kind));
        }
        publish(calls.toArray(ContactEvent[]::new));
        String customerId = awaitTimeline(customer, calls.size());

        List<JsonNode> items = timeline(customerId);
        List<TimelineEntry> entries = items.stream().map(CallbackLinkIT::entry).toList();
        int linked = 0;
        for (int i = 0; i < items.size(); i++) {
            TimelineEntry call = entries.get(i);
            String expected = LINK.missedCallAnsweredBy(call, entries.stream()).map(m -> m.contactId().toString()).orElse(null);
            JsonNode actual = items.get(i).get("callbackFor");
            assertThat(actual.isNull() ? null : actual.get("contactId").asString()).as("callback of %s", call).isEqualTo(expected);
            linked += expected == null ? 0 : 1;
        }
        assertThat(linked).as("the seed's calls hold callbacks").isPositive();
    }

    private static ContactEvent missed(CustomerIdentifiers customer, Instant at) {
        return inbound(customer, at, "CALL_MISSED");
    }

    private static ContactEvent inbound(CustomerIdentifiers customer, Instant at, String kind) {
        return call(customer, at, kind, io.omnirouter.channel.Direction.INBOUND);
    }

    private static ContactEvent outbound(CustomerIdentifiers customer, Instant at, String kind) {
        return call(customer, at, kind, io.omnirouter.channel.Direction.OUTBOUND);
    }

    private static ContactEvent call(CustomerIdentifiers customer, Instant at, String kind, io.omnirouter.channel.Direction direction) {
        return contact(Channel.PHONE, at).setIdentifiers(customer).setDirection(direction).setKind(kind)
                .setCallOutcome(kind.substring("CALL_".length())).setQueue("phone").build();
    }

    private static TimelineEntry entry(JsonNode item) {
        return new TimelineEntry(UUID.fromString(item.get("contactId").asString()), Channel.valueOf(item.get("channel").asString()),
                Direction.valueOf(item.get("direction").asString()), ContactKind.valueOf(item.get("kind").asString()),
                Instant.parse(item.get("occurredAt").asString()), item.get("threadKey").asString(), null, null, null,
                Intent.QUESTION, Priority.NORMAL, "phone", item.get("sourceEventId").asString(), Map.of(), null);
    }

    /** Waits until the customer holding the identifiers has {@code contacts} contacts; its id. */
    private String awaitTimeline(CustomerIdentifiers customer, int contacts) {
        String parameter = customer.getPhone() != null ? "phone" : "email";
        String value = customer.getPhone() != null ? customer.getPhone() : customer.getEmail();
        await().pollInSameThread().atMost(PATIENCE).until(() -> {
            var result = mvc.get().uri("/api/customers/lookup").param(parameter, value).exchange();
            return result.getResponse().getStatus() == 200
                    && json(result.getResponse().getContentAsString()).get("contactCount").asLong() == contacts;
        });
        return json(mvc.get().uri("/api/customers/lookup").param(parameter, value), 200).get("customerId").asString();
    }

    private List<JsonNode> timeline(String customerId) {
        return json(mvc.get().uri("/api/customers/{id}/timeline", customerId).param("limit", "200"), 200).get("items")
                .valueStream().toList();
    }

    private Map<String, JsonNode> callbackForById(String customerId) {
        Map<String, JsonNode> byId = new HashMap<>();
        timeline(customerId).forEach(item -> byId.put(item.get("contactId").asString(), item.get("callbackFor")));
        return byId;
    }

    private List<String> threadIds(String customerId, String threadKey) {
        return json(mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, threadKey), 200).get("items").valueStream()
                .map(item -> item.get("contactId").asString()).toList();
    }
}
