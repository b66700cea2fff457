package io.omnirouter.history.consent;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.Intent;
import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.followup.FollowUpTopic;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * Consents on the real engines: a web-shop CONSENT_CHANGED contact on contact.events withdraws a consent, the
 * follow-up opens no SURVEY for that customer (a control customer's delivered order does get one) and cancels an open
 * one, service tasks stay, and GET /api/customers/{id}/consents shows the withdrawal with its time.
 */
class ConsentIT extends HistoryIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anOptedOutCustomerGetsNoSurveyForADeliveredOrderWhileAControlCustomerDoesAndTheirContactFormStillNeedsAReply() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));
        String optedOut = "opted-out-" + UUID.randomUUID() + "@example.com";
        String control = "control-" + UUID.randomUUID() + "@example.com";

        ContactEvent withdrawal = consentChanged(optedOut, t0, new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false));
        ContactEvent delivered = delivered(optedOut, t0.plus(Duration.ofMinutes(1)));
        ContactEvent form = contact(Channel.WEBSHOP, t0.plus(Duration.ofMinutes(2))).setIdentifiers(email(optedOut))
                .setKind("CONTACT_FORM").build();
        publish(withdrawal, delivered, form);
        publish(delivered(control, t0.plus(Duration.ofMinutes(1))));

        String controlId = awaitCustomer("email", control);
        awaitTask(controlId, "SURVEY", "OPEN");
        String customerId = awaitCustomer("email", optedOut);
        awaitDerived(customerId, List.of(withdrawal, delivered, form));

        assertThat(types(customerId)).as("the opted-out customer's tasks once all its contacts are derived")
                .containsExactly("REPLY");
    }

    @Test
    void aWithdrawalAfterADeliveredOrderCancelsTheOpenSurveyAndTheConsentsShowItWithItsTime() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));
        String address = "withdraws-" + UUID.randomUUID() + "@example.com";
        publish(delivered(address, t0));
        String customerId = awaitCustomer("email", address);
        awaitTask(customerId, "SURVEY", "OPEN");
        assertThat(consent(customerId, "MARKETING_SURVEYS").get("state").asString()).isEqualTo("UNKNOWN");

        Instant withdrawnAt = t0.plus(Duration.ofHours(1).minusMinutes(50));
        ContactEvent withdrawal = consentChanged(address, withdrawnAt,
                new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false), new ConsentChange(ConsentPurpose.CONTACT_BY_EMAIL, true));
        publish(withdrawal);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(types(customerId)).doesNotContain("SURVEY"));
        try (FollowUpTopic topic = new FollowUpTopic()) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                List<FollowUpTask> survey = topic.upToTheEnd().stream()
                        .filter(task -> task.getCustomerId().equals(customerId) && task.getType().equals("SURVEY")).toList();
                assertThat(survey).extracting(task -> task.getStatus().name()).containsExactly("OPEN", "CANCELLED");
                assertThat(survey.get(1).getChangeReason()).contains("withdrew consent MARKETING_SURVEYS");
                assertThat(survey.get(1).getChangedAt()).isEqualTo(withdrawnAt);
            });
        }

        JsonNode surveys = consent(customerId, "MARKETING_SURVEYS");
        assertThat(surveys.get("state").asString()).isEqualTo("WITHDRAWN");
        assertThat(surveys.get("granted").asBoolean()).isFalse();
        assertThat(Instant.parse(surveys.get("changedAt").asString())).isEqualTo(withdrawnAt);
        assertThat(surveys.get("contactId").asString()).isEqualTo(withdrawal.getContactId());
        assertThat(consent(customerId, "CONTACT_BY_EMAIL").get("state").asString()).isEqualTo("GRANTED");
        JsonNode thanks = consent(customerId, "THANK_YOU_MESSAGES");
        assertThat(thanks.get("state").asString()).isEqualTo("UNKNOWN");
        assertThat(thanks.get("changedAt").isNull()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_audit WHERE customer_id = ?::uuid AND endpoint = ?", Integer.class,
                customerId, "GET /api/customers/{customerId}/consents")).as("reading consents is in the read audit").isPositive();
    }

    @Test
    void theLatestChangeInEventTimeCountsWhateverOrderTheContactsArriveIn() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));
        String address = "changes-mind-" + UUID.randomUUID() + "@example.com";
        ContactEvent optInLater = consentChanged(address, t0.plus(Duration.ofMinutes(5)), new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, true));
        ContactEvent optOutEarlier = consentChanged(address, t0, new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false));
        ContactEvent delivered = delivered(address, t0.plus(Duration.ofMinutes(10)));
        publish(optInLater, delivered, optOutEarlier);
        String customerId = awaitCustomer("email", address);
        awaitDerived(customerId, List.of(optInLater, delivered, optOutEarlier));

        assertThat(types(customerId)).as("opted in again before the delivery, in event time").containsExactly("SURVEY");
        JsonNode surveys = consent(customerId, "MARKETING_SURVEYS");
        assertThat(surveys.get("state").asString()).isEqualTo("GRANTED");
        assertThat(Instant.parse(surveys.get("changedAt").asString())).isEqualTo(t0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void anUnknownCustomerIs404AndAnIdThatIsNoUuid400() {
        assertThat(json(mvc.get().uri("/api/customers/{id}/consents", UUID.randomUUID()), 404).get("status").asInt()).isEqualTo(404);
        JsonNode bad = json(mvc.get().uri("/api/customers/{id}/consents", "not-a-uuid"), 400);
        assertThat(bad.get("parameter").asString()).isEqualTo("customerId");
    }

    @Test
    @WithMockUser(roles = "OPS")
    void opsDoesNotReadConsents() {
        assertThat(json(mvc.get().uri("/api/customers/{id}/consents", UUID.randomUUID()), 403).get("status").asInt()).isEqualTo(403);
    }

    @Test
    @WithMockUser(roles = "SUPERVISOR")
    void aSupervisorReadsConsents() {
        String address = "supervised-" + UUID.randomUUID() + "@example.com";
        publish(consentChanged(address, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60),
                new ConsentChange(ConsentPurpose.CONTACT_BY_PHONE, false)));
        String customerId = awaitCustomer("email", address);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(consent(customerId, "CONTACT_BY_PHONE").get("state").asString()).isEqualTo("WITHDRAWN"));
    }

    private static ContactEvent consentChanged(String address, Instant at, ConsentChange... changes) {
        return contact(Channel.WEBSHOP, at).setIdentifiers(email(address)).setKind("CONSENT_CHANGED").setText(null)
                .setIntent(Intent.OTHER).setConsents(List.of(changes)).build();
    }

    private static ContactEvent delivered(String address, Instant at) {
        return contact(Channel.WEBSHOP, at).setIdentifiers(email(address)).setKind("ORDER_DELIVERED").setText(null)
                .setOrderId("o-" + UUID.randomUUID()).setThreadKey("order:" + UUID.randomUUID()).setIntent(Intent.ORDER).build();
    }

    /** Every one of the contacts stored with the customer and derived (none still queued for the follow-up). */
    private void awaitDerived(String customerId, List<ContactEvent> contacts) {
        UUID[] ids = contacts.stream().map(c -> UUID.fromString(c.getContactId())).toArray(UUID[]::new);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(json(mvc.get().uri("/api/customers/{id}", customerId), 200).get("contactCount").asInt()).isEqualTo(ids.length);
            Integer queued = jdbc.query("SELECT count(*) FROM followup_pending WHERE contact_id = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)), rs -> rs.next() ? rs.getInt(1) : null);
            assertThat(queued).isZero();
        });
    }

    private JsonNode consent(String customerId, String purpose) {
        JsonNode page = json(mvc.get().uri("/api/customers/{id}/consents", customerId), 200);
        return StreamSupport.stream(page.get("consents").spliterator(), false)
                .filter(c -> c.get("purpose").asString().equals(purpose)).findFirst().orElseThrow();
    }

    private List<String> types(String customerId) {
        JsonNode page = json(mvc.get().uri("/api/tasks").param("customerId", customerId), 200);
        return StreamSupport.stream(page.get("tasks").spliterator(), false).map(t -> t.get("type").asString()).toList();
    }

    private void awaitTask(String customerId, String type, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode page = json(mvc.get().uri("/api/tasks").param("customerId", customerId), 200);
            assertThat(StreamSupport.stream(page.get("tasks").spliterator(), false)
                    .filter(t -> t.get("type").asString().equals(type)).map(t -> t.get("status").asString()))
                    .as("%s task", type).containsExactly(status);
        });
    }
}
