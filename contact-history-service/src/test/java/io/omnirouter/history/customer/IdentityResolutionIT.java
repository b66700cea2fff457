package io.omnirouter.history.customer;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.contact.model.ContactRecorded;
import io.omnirouter.history.customer.model.CustomersMerged;
import io.omnirouter.history.customer.model.CustomersUnmerged;
import io.omnirouter.history.customer.model.IdentityResolution;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import io.omnirouter.testing.RealInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

class IdentityResolutionIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
    /** Normalizes as the router does before publishing (default region SI). */
    private static final IdentifierNormalizer ROUTER = new IdentifierNormalizer("SI");

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ConfigurableApplicationContext context;

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> recorder = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload) {
            events.add(payload.getPayload());
        }
    };

    @BeforeEach
    void recordApplicationEvents() {
        context.addApplicationListener(recorder);
    }

    @AfterEach
    void stopRecording() {
        context.removeApplicationListener(recorder);
    }

    @Test
    void anaNovakOnFourChannelsIsOneCustomerWithFourContactsAndTheMergeInHerLineage() {
        String token = token();
        String email = normalized(IdentifierType.EMAIL, "Ana.Novak." + token + "@Example.com");
        String phone = normalized(IdentifierType.PHONE, "041 " + token.substring(0, 3) + " " + token.substring(3, 6));
        String visitor = "visitor-" + token;
        ContactEvent mail = contact(Channel.EMAIL, T0).setIdentifiers(ids(null, email, null, null)).build();
        ContactEvent missedCall = contact(Channel.PHONE, T0.plusSeconds(3600)).setIdentifiers(ids(phone, null, null, null))
                .setKind("CALL_MISSED").setCallOutcome("MISSED").build();
        ContactEvent order = contact(Channel.WEBSHOP, T0.plusSeconds(7200)).setIdentifiers(ids(phone, email, null, null))
                .setOrderId("O-" + token).build();
        ContactEvent chat = contact(Channel.CHAT, T0.plusSeconds(10800)).setIdentifiers(ids(null, email, null, visitor)).build();

        // Four thread keys: four partitions' worth of interleaving; the outcome must not depend on it.
        publish(chat, order, missedCall, mail);

        String anaId = awaitContacts(email, 4);
        UUID missedCallCustomer = IdentityResolution.newCustomerIdFor(UUID.fromString(missedCall.getContactId()));
        assertThat(anaId).isEqualTo(IdentityResolution.newCustomerIdFor(UUID.fromString(mail.getContactId())).toString());
        JsonNode ana = json(mvc.get().uri("/api/customers/{id}", anaId), 200);
        assertThat(ana.get("contactCount").asLong()).isEqualTo(4);
        // The missed call is owed a callback, the mail a reply: the profile counts what the task list holds open.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(mvc.get().uri("/api/customers/{id}", anaId), 200)
                .get("openTaskCount").asLong()).isGreaterThanOrEqualTo(2).isEqualTo(
                json(mvc.get().uri("/api/tasks").param("customerId", anaId).param("status", "OPEN"), 200).get("tasks").size()));
        assertThat(Instant.parse(ana.get("firstContactAt").asString())).isEqualTo(T0);
        assertThat(Instant.parse(ana.get("lastContactAt").asString())).isEqualTo(chat.getOccurredAt());
        assertThat(ana.get("identifiers").valueStream().map(i -> i.get("type").asString() + "=" + i.get("value").asString()
                + (i.get("shared").asBoolean() ? " shared" : "")))
                .containsExactlyInAnyOrder("EMAIL=" + email, "PHONE=" + phone, "CHAT_VISITOR_ID=" + visitor);
        JsonNode merge = ana.get("merges").get(0);
        assertThat(ana.get("merges").size()).isEqualTo(1);
        assertThat(merge.get("mergedId").asString()).isEqualTo(missedCallCustomer.toString());
        assertThat(merge.get("survivorId").asString()).isEqualTo(anaId);
        assertThat(merge.get("causeContactId").asString()).isEqualTo(order.getContactId());
        assertThat(merge.get("linkingIdentifiers").get(0).get("type").asString()).isEqualTo("PHONE");
        assertThat(merge.get("linkingIdentifiers").get(0).get("value").asString()).isEqualTo(phone);
        assertThat(Instant.parse(merge.get("mergedAt").asString())).isEqualTo(order.getOccurredAt());
        assertThat(merge.get("undone").asBoolean()).isFalse();

        // Whatever an agent types finds her; the id of the customer merged into her answers with her.
        assertThat(lookup("phone", "041 " + token.substring(0, 3) + " " + token.substring(3, 6)).get("customerId").asString()).isEqualTo(anaId);
        assertThat(lookup("chatVisitorId", visitor).get("customerId").asString()).isEqualTo(anaId);
        var merged = mvc.get().uri("/api/customers/{id}", missedCallCustomer).exchange();
        assertThat(merged).hasStatusOk().headers().containsHeader("Content-Location");
        assertThat(merged).bodyJson().extractingPath("$.customerId").asString().isEqualTo(anaId);
        assertThat(json(mvc.get().uri("/api/customers/{id}/timeline", missedCallCustomer), 200).get("items").size()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer WHERE merged_into IS NULL", Integer.class)).isOne();

        // Committed facts were announced: each new contact, and the merge that stands.
        await().pollInSameThread().atMost(PATIENCE).untilAsserted(() -> assertThat(events).filteredOn(ContactRecorded.class::isInstance)
                .extracting(e -> ((ContactRecorded) e).contactId().toString())
                .contains(mail.getContactId(), missedCall.getContactId(), order.getContactId(), chat.getContactId()));
        assertThat(events).filteredOn(CustomersMerged.class::isInstance).extracting(e -> ((CustomersMerged) e).mergeId().toString())
                .contains(merge.get("mergeId").asString());
    }

    @Test
    void tenEmployeesWithTheirOwnShopAccountsBehindOneSwitchboardStayTenCustomersAndTheNumberIsShared() {
        String token = token();
        String switchboard = normalized(IdentifierType.PHONE, "01 " + token.substring(0, 3) + " " + token.substring(3, 7));
        List<ContactEvent> orders = new ArrayList<>();
        for (int employee = 0; employee < 10; employee++) {
            orders.add(contact(Channel.WEBSHOP, T0.plusSeconds(60L * employee))
                    .setIdentifiers(ids(switchboard, null, "shop-" + token + "-" + employee, null)).build());
        }

        publish(orders.toArray(ContactEvent[]::new));

        await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM contact", Integer.class) == 10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer WHERE merged_into IS NULL", Integer.class)).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_merge", Integer.class)).isZero();
        List<String> customers = new ArrayList<>();
        for (int employee = 0; employee < 10; employee++) {
            JsonNode customer = lookup("shopCustomerId", "shop-" + token + "-" + employee);
            assertThat(customer.get("contactCount").asLong()).isOne();
            customers.add(customer.get("customerId").asString());
        }
        assertThat(customers).doesNotHaveDuplicates();
        JsonNode owner = lookup("phone", switchboard);
        assertThat(owner.get("customerId").asString()).isEqualTo(customers.get(0));
        assertThat(owner.get("identifiers").valueStream().filter(i -> i.get("type").asString().equals("PHONE")))
                .singleElement().satisfies(phone -> assertThat(phone.get("shared").asBoolean()).isTrue());
    }

    @Test
    @WithMockUser(roles = "SUPERVISOR")
    void aClearedSwitchboardNumberLinksTheNextCallToItsHolderAndIsSharedAgainWhenAnotherShopAccountComesWithIt() {
        String token = token();
        String typed = "01 " + token.substring(0, 3) + " " + token.substring(3, 7);
        String switchboard = normalized(IdentifierType.PHONE, typed);
        List<ContactEvent> orders = new ArrayList<>();
        for (int employee = 0; employee < 3; employee++) {
            orders.add(contact(Channel.WEBSHOP, T0.plusSeconds(60L * employee))
                    .setIdentifiers(ids(switchboard, null, "shop-" + token + "-" + employee, null)).build());
        }
        publish(orders.toArray(ContactEvent[]::new));
        await().pollInSameThread().atMost(PATIENCE).until(() -> lookupStatus("shopCustomerId", "shop-" + token + "-2") == 200);
        String holder = lookup("shopCustomerId", "shop-" + token + "-0").get("customerId").asString();
        assertThat(sharedFlagOfPhone(lookup("phone", switchboard))).isTrue();

        JsonNode cleared = json(clearSharedPhone(holder, typed), 200);

        assertThat(cleared.get("customerId").asString()).isEqualTo(holder);
        assertThat(sharedFlagOfPhone(cleared)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identifier_sharing_cleared WHERE type = 'PHONE' AND value = ?",
                Integer.class, switchboard)).isOne();
        // Nothing to clear any more; a number the customer does not hold; a number that is none.
        assertThat(clearSharedPhone(holder, typed).exchange()).hasStatus(409);
        assertThat(clearSharedPhone(holder, "+386 40 " + token.substring(0, 6)).exchange()).hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(clearSharedPhone(holder, "not a number").exchange()).hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        // From the clearing on, a call from the number goes to its holder ...
        publish(contact(Channel.PHONE, Instant.now()).setIdentifiers(ids(switchboard, null, null, null)).build());
        await().pollInSameThread().atMost(PATIENCE).until(() -> lookup("phone", switchboard).get("contactCount").asLong() == 2);
        assertThat(lookup("phone", switchboard).get("customerId").asString()).isEqualTo(holder);

        // ... until a fourth shop account comes with it: the protection marks it shared again.
        String fourth = "shop-" + token + "-3";
        publish(contact(Channel.WEBSHOP, Instant.now()).setIdentifiers(ids(switchboard, null, fourth, null)).build());
        await().pollInSameThread().atMost(PATIENCE).until(() -> lookupStatus("shopCustomerId", fourth) == 200);
        assertThat(lookup("shopCustomerId", fourth).get("customerId").asString()).isNotEqualTo(holder);
        assertThat(sharedFlagOfPhone(lookup("phone", switchboard))).isTrue();
    }

    private MockMvcTester.MockMvcRequestBuilder clearSharedPhone(String customerId, String typed) {
        return mvc.post().uri("/api/customers/{id}/clear-shared-identifier", customerId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"PHONE\",\"value\":\"" + typed + "\",\"reason\":\"the holder's own line\"}");
    }

    /** An unmerge's answer but the time of undoing it (now for a preview, the action's time for the unmerge). */
    private static String withoutUndoneAt(JsonNode unmerge) {
        return unmerge.toString().replaceAll("\"undoneAt\":\"[^\"]*\"", "\"undoneAt\":_");
    }

    private int lookupStatus(String parameter, String value) {
        return mvc.get().uri("/api/customers/lookup").param(parameter, value).exchange().getResponse().getStatus();
    }

    private static boolean sharedFlagOfPhone(JsonNode customer) {
        return customer.get("identifiers").valueStream().filter(i -> i.get("type").asString().equals("PHONE"))
                .findFirst().orElseThrow().get("shared").asBoolean();
    }

    @Test
    @WithMockUser(roles = "SUPERVISOR")
    void anUnmergeRestoresBothCustomersExactlyAsAFreshDatabaseWithoutTheLinkWouldHaveThem() {
        String token = token();
        String email = "unmerge-" + token + "@example.com";
        String phone = normalized(IdentifierType.PHONE, "+386 40 " + token.substring(0, 6));
        ContactEvent mail = contact(Channel.EMAIL, T0).setIdentifiers(ids(null, email, null, null)).build();
        ContactEvent call = contact(Channel.PHONE, T0.plusSeconds(60)).setIdentifiers(ids(phone, null, null, null)).build();
        // Someone else ordered with her email and his phone: the wrong link.
        ContactEvent order = contact(Channel.WEBSHOP, T0.plusSeconds(120)).setIdentifiers(ids(phone, email, null, null)).build();
        ContactEvent laterCall = contact(Channel.PHONE, T0.plusSeconds(180)).setIdentifiers(ids(phone, null, null, null)).build();
        List<UUID> contactIds = contactIds(mail, call, order, laterCall);
        publish(mail, call, order, laterCall);
        String survivorId = awaitContacts(email, 4);
        // The follow-up derives its tasks after the contacts are stored: the preview and the unmerge must see the same.
        awaitFollowUpsApplied(jdbc, contactIds);
        String mergeId = json(mvc.get().uri("/api/customers/{id}", survivorId), 200).get("merges").get(0).get("mergeId").asString();
        IdentitySnapshot merged = IdentitySnapshot.stored(jdbc, contactIds);

        // The preview is the unmerge undone again: it changes nothing and announces nothing.
        JsonNode preview = json(mvc.get().uri("/api/customers/{id}/merges/{mergeId}/unmerge-preview", survivorId, mergeId), 200);
        assertThat(IdentitySnapshot.stored(jdbc, contactIds)).as("after the preview").isEqualTo(merged);
        assertThat(events).noneMatch(CustomersUnmerged.class::isInstance);
        assertThat(json(mvc.get().uri("/api/customers/{id}", survivorId), 200).get("contactCount").asLong()).isEqualTo(4);

        JsonNode unmerged = json(mvc.post().uri("/api/customers/{id}/unmerge", survivorId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mergeId\":\"" + mergeId + "\"}"), 200);
        assertThat(withoutUndoneAt(preview)).as("the preview shows what the unmerge did").isEqualTo(withoutUndoneAt(unmerged));

        String restoredId = IdentityResolution.newCustomerIdFor(UUID.fromString(call.getContactId())).toString();
        assertThat(unmerged.get("survivor").get("customerId").asString()).isEqualTo(survivorId);
        assertThat(unmerged.get("survivor").get("contactCount").asLong()).isEqualTo(2);
        assertThat(unmerged.get("survivor").get("merges").get(0).get("undone").asBoolean()).isTrue();
        assertThat(unmerged.get("restored").get("customerId").asString()).isEqualTo(restoredId);
        assertThat(unmerged.get("restored").get("contactCount").asLong()).isEqualTo(2);
        assertThat(json(mvc.get().uri("/api/customers/{id}/timeline", restoredId), 200).get("items").valueStream()
                .map(item -> item.get("contactId").asString())).containsExactly(laterCall.getContactId(), call.getContactId());
        assertThat(events).filteredOn(CustomersUnmerged.class::isInstance)
                .containsExactly(new CustomersUnmerged(UUID.fromString(mergeId), UUID.fromString(survivorId), UUID.fromString(restoredId)));
        IdentitySnapshot afterUnmerge = IdentitySnapshot.stored(jdbc, contactIds);
        // The same undo again is a conflict; a merge the customer never had is not found.
        assertThat(mvc.get().uri("/api/customers/{id}/merges/{mergeId}/unmerge-preview", survivorId, mergeId).exchange()).hasStatus(409);
        assertThat(mvc.get().uri("/api/customers/{id}/merges/{mergeId}/unmerge-preview", survivorId, UUID.randomUUID()).exchange())
                .hasStatus(404);
        assertThat(mvc.post().uri("/api/customers/{id}/unmerge", survivorId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mergeId\":\"" + mergeId + "\"}").exchange()).hasStatus(409);
        assertThat(mvc.post().uri("/api/customers/{id}/unmerge", survivorId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mergeId\":\"" + UUID.randomUUID() + "\"}").exchange()).hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        // A fresh database fed the same contacts, the order carrying only her email.
        RealInfrastructure.cleanDatabase();
        ContactEvent orderWithoutTheLink = ContactEvent.newBuilder(order).setIdentifiers(ids(null, email, null, null)).build();
        publish(mail, call, orderWithoutTheLink, laterCall);
        await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM contact", Integer.class) == 4);

        assertThat(afterUnmerge).isEqualTo(IdentitySnapshot.stored(jdbc, contactIds));
        assertThat(afterUnmerge.standingCustomers()).isEqualTo(2);
    }

    @Test
    void theIdOfACustomerThatStoppedExistingWhenAnEarlierContactArrivedLateStillAnswers() {
        String email = "late-" + token() + "@example.com";
        ContactEvent later = contact(Channel.EMAIL, T0.plusSeconds(600)).setIdentifiers(ids(null, email, null, null)).build();
        ContactEvent earlier = contact(Channel.PHONE, T0).setIdentifiers(ids(null, email, null, null)).build();
        publish(later);
        String handedOut = awaitContacts(email, 1);
        assertThat(handedOut).isEqualTo(IdentityResolution.newCustomerIdFor(UUID.fromString(later.getContactId())).toString());

        publish(earlier);
        String current = awaitContacts(email, 2);

        // In event-time order the earlier contact created the customer: the one handed out never existed.
        assertThat(current).isEqualTo(IdentityResolution.newCustomerIdFor(UUID.fromString(earlier.getContactId())).toString());
        var profile = mvc.get().uri("/api/customers/{id}", handedOut).exchange();
        assertThat(profile).hasStatusOk().headers().containsHeader("Content-Location");
        assertThat(profile).bodyJson().extractingPath("$.customerId").asString().isEqualTo(current);
        assertThat(json(mvc.get().uri("/api/customers/{id}/timeline", handedOut), 200).get("items").size()).isEqualTo(2);
    }

    @Test
    void theMigrationDerivesOriginCustomerIdsAsTheJavaCodeDoes() {
        UUID contactId = UUID.randomUUID();
        // The expression of V3__contact_origin_customer.sql, which back-filled the rows stored before it.
        UUID derived = jdbc.queryForObject("""
                SELECT overlay(overlay(h PLACING '3' FROM 13 FOR 1)
                               PLACING to_hex((('x' || substr(h, 17, 1))::bit(4)::int & 3) | 8) FROM 17 FOR 1)::uuid
                  FROM (SELECT md5('customer:' || ?::uuid::text) AS h) AS digest""", UUID.class, contactId.toString());

        assertThat(derived).isEqualTo(IdentityResolution.newCustomerIdFor(contactId));
    }

    @Test
    void anUnknownCustomerIsAProblem404() {
        var result = mvc.get().uri("/api/customers/{id}", UUID.randomUUID()).exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** Polls on the test thread: MockMvc requests run as the test's mock user, which is bound to it. */
    private String awaitContacts(String email, int count) {
        await().pollInSameThread().atMost(PATIENCE).until(() -> {
            var result = mvc.get().uri("/api/customers/lookup").param("email", email).exchange();
            return result.getResponse().getStatus() == 200
                    && json(result.getResponse().getContentAsString()).get("contactCount").asLong() == count;
        });
        return lookup("email", email).get("customerId").asString();
    }

    private JsonNode lookup(String parameter, String value) {
        return json(mvc.get().uri("/api/customers/lookup").param(parameter, value), 200);
    }

    private static CustomerIdentifiers ids(String phone, String email, String shopCustomerId, String chatVisitorId) {
        return CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(email).setShopCustomerId(shopCustomerId)
                .setChatVisitorId(chatVisitorId).build();
    }

    private static String normalized(IdentifierType type, String raw) {
        return ROUTER.normalize(type, raw).orElseThrow();
    }

    private static List<UUID> contactIds(ContactEvent... events) {
        return Arrays.stream(events).map(event -> UUID.fromString(event.getContactId())).toList();
    }

    /** Digits unique enough per test run: topics keep earlier runs' records (the rebuild reads them all). */
    static String token() {
        return String.valueOf(100_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 900_000_000L));
    }
}
