package io.omnirouter.history.search;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/customers/search} (issue 14): one box, whatever identifies the customer, typed as given. */
class CustomerSearchIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");

    private String token;
    private String email;
    private String phone;
    private String orderId;
    private String anaId;

    /** Ana Nováková: an e-mail with her name, a call, an order in the web shop with her shop account. */
    @BeforeEach
    void anaWroteCalledAndOrdered() {
        token = UUID.randomUUID().toString().substring(0, 8);
        email = "ana." + token + "@example.com";
        phone = "+38641" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        orderId = "ORD-" + token;
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build())
                        .setCustomerName("Ana Nováková").build(),
                contact(Channel.PHONE, T0.plus(Duration.ofHours(1)))
                        .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).setPhone(phone).build()).build(),
                contact(Channel.WEBSHOP, T0.plus(Duration.ofHours(2))).setKind("ORDER_PLACED").setOrderId(orderId)
                        .setThreadKey("order:" + orderId).setCustomerName("A. Novakova")
                        .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).setShopCustomerId("shop-" + token).build())
                        .build());
        anaId = awaitCustomerWithContacts("email", email, 3);
    }

    @Test
    void anEMailTypedWithSpacesAndCapitalsFindsTheCustomerWithItsNamesAndIdentifiers() {
        JsonNode found = single(search("  " + email.toUpperCase() + " "));

        assertThat(found.get("customerId").asString()).isEqualTo(anaId);
        assertThat(found.get("matchedBy").asString()).isEqualTo("EMAIL");
        assertThat(found.get("names").valueStream().map(JsonNode::asString)).as("most recently given first")
                .containsExactly("A. Novakova", "Ana Nováková");
        assertThat(found.get("identifiers").valueStream().map(i -> i.get("type").asString() + "=" + i.get("value").asString()
                + (i.get("shared").asBoolean() ? " shared" : "")))
                .containsExactlyInAnyOrder("EMAIL=" + email, "PHONE=" + phone, "SHOP_CUSTOMER_ID=shop-" + token);
        assertThat(Instant.parse(found.get("lastContactAt").asString())).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void aNationalOrInternationalNumberFindsTheCustomer() {
        String national = "0" + phone.substring(4, 6) + " " + phone.substring(6, 9) + " " + phone.substring(9);
        assertThat(single(search(national)).get("matchedBy").asString()).isEqualTo("PHONE");
        assertThat(single(search("+386 " + phone.substring(4))).get("customerId").asString()).isEqualTo(anaId);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"novakova", "NOVÁKOVÁ", "ana novák", "nováková ana", "ovako"})
    void aPartOfTheNameFindsTheCustomerWhateverTheAccentsAndCase(String typed) {
        JsonNode found = single(search(typed));

        assertThat(found.get("customerId").asString()).isEqualTo(anaId);
        assertThat(found.get("matchedBy").asString()).isEqualTo("NAME");
    }

    @Test
    void anOrderIdAShopCustomerIdAndASocialHandleFindTheCustomer() {
        assertThat(single(search(orderId)).get("matchedBy").asString()).isEqualTo("ORDER_ID");
        assertThat(single(search("shop-" + token)).get("matchedBy").asString()).isEqualTo("SHOP_CUSTOMER_ID");
        String handle = "instagram:ana." + token;
        publish(contact(Channel.CHAT, T0.plus(Duration.ofHours(3)))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).setSocialHandle(handle).setChatVisitorId("v-" + token).build())
                .build());
        await().atMost(PATIENCE).until(() -> search("Instagram:@Ana." + token).get("customers").size() == 1);
        assertThat(single(search("Instagram:@Ana." + token)).get("matchedBy").asString()).isEqualTo("SOCIAL_HANDLE");
        assertThat(single(search("v-" + token)).get("matchedBy").asString()).isEqualTo("CHAT_VISITOR_ID");
        assertThat(search("@ana." + token).get("customers")).as("a handle without its platform").isEmpty();
    }

    @Test
    void exactMatchesComeBeforeNameMatches() {
        // "Horvat<token>" is the shop id of one customer and part of the name of another, who was in contact later.
        String word = "Horvat" + token;
        publish(contact(Channel.WEBSHOP, T0).setKind("ORDER_PLACED").setCustomerName("Somebody Else")
                        .setIdentifiers(CustomerIdentifiers.newBuilder().setShopCustomerId(word).build()).build(),
                contact(Channel.EMAIL, T0.plus(Duration.ofDays(1))).setCustomerName("Marko " + word)
                        .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail("marko." + token + "@example.com").build()).build());
        await().atMost(PATIENCE).until(() -> search(word).get("customers").size() == 2);

        assertThat(search(word).get("customers").valueStream().map(c -> c.get("matchedBy").asString()))
                .containsExactly("SHOP_CUSTOMER_ID", "NAME");
    }

    @Test
    void aMergedCustomerIsFoundAsItsSurvivorAndOnlyOnce() {
        // A caller nobody knows, who gave her name; then a chat names her number and Ana's e-mail address: merged into Ana.
        String otherPhone = "+38640" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        publish(contact(Channel.PHONE, T0.plus(Duration.ofDays(1))).setCustomerName("Ana Novakova " + token)
                .setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(otherPhone).build()).build());
        String callerId = awaitCustomer("phone", otherPhone);
        assertThat(callerId).isNotEqualTo(anaId);
        publish(contact(Channel.CHAT, T0.plus(Duration.ofDays(2)))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(otherPhone).setEmail(email).build()).build());
        await().atMost(PATIENCE).until(() -> awaitCustomer("phone", otherPhone).equals(anaId));

        assertThat(single(search(otherPhone)).get("customerId").asString()).isEqualTo(anaId);
        JsonNode byName = single(search("novakova " + token));
        assertThat(byName.get("customerId").asString()).isEqualTo(anaId);
        assertThat(byName.get("names").valueStream().map(JsonNode::asString)).first().isEqualTo("Ana Novakova " + token);
    }

    @Test
    void manyMatchesArePagedByAStableCursorMostRecentFirst() {
        String family = "Kranjec" + token;
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add("kranjec" + i + "." + token + "@example.com");
            publish(contact(Channel.EMAIL, T0.plus(Duration.ofMinutes(i))).setCustomerName("Member " + i + " " + family)
                    .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(emails.get(i)).build()).build());
        }
        await().atMost(PATIENCE).until(() -> search(family).get("customers").size() == 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = mvc.get().uri("/api/customers/search").param("q", family).param("limit", "2");
            JsonNode page = json(cursor == null ? request : request.param("cursor", cursor), 200);
            page.get("customers").forEach(c -> seen.add(c.get("names").get(0).asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("Member 4 " + family, "Member 3 " + family, "Member 2 " + family, "Member 1 " + family,
                "Member 0 " + family);
    }

    @Test
    void nothingFoundIsAnEmptyAnswer() {
        JsonNode answer = search("nobody-" + token + "@example.com");

        assertThat(answer.get("customers")).isEmpty();
        assertThat(answer.get("nextCursor").isNull()).isTrue();
    }

    @Test
    @WithMockUser(username = "sue", roles = {"AGENT", "SUPERVISOR"})
    void anErasedCustomerIsNotFound() {
        json(mvc.post().uri("/api/customers/{id}/erasure", anaId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"asked to be forgotten\"}"), 200);

        for (String typed : List.of(email, phone, orderId, "novakova", "shop-" + token)) {
            assertThat(search(typed).get("customers")).as("after the erasure").isEmpty();
        }
    }

    @Test
    @WithMockUser(username = "sue", roles = "SUPERVISOR")
    void aSearchIsAReadOfEveryCustomerItAnswersWithInTheReadAudit() {
        search("novakova");

        JsonNode reads = json(mvc.get().uri("/api/audit/reads").param("customerId", anaId), 200).get("reads");
        assertThat(reads.valueStream().map(read -> read.get("actor").asString() + " " + read.get("endpoint").asString()))
                .contains("sue GET /api/customers/search");
        assertThat(reads.toString()).doesNotContain("novakova");
    }

    @ParameterizedTest(name = "q=''{0}''")
    @ValueSource(strings = {"", "   ", "tab\there"})
    void aBlankQueryOrOneWithControlCharactersIsAProblemNamingQ(String q) throws Exception {
        assertRefused(mvc.get().uri("/api/customers/search").param("q", q), "q", q.strip());
    }

    @Test
    void aMissingOrTooLongQueryOrABadLimitOrCursorIsAProblemNamingTheParameter() throws Exception {
        assertRefused(mvc.get().uri("/api/customers/search"), "q", null);
        String tooLong = "<b>" + "x".repeat(200);
        assertRefused(mvc.get().uri("/api/customers/search").param("q", tooLong), "q", tooLong);
        assertRefused(mvc.get().uri("/api/customers/search").param("q", "novak").param("limit", "51"), "limit", null);
        assertRefused(mvc.get().uri("/api/customers/search").param("q", "novak").param("cursor", "forged<script>"), "cursor",
                "forged<script>");
    }

    private void assertRefused(org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder request,
                               String parameter, String sent) throws java.io.UnsupportedEncodingException {
        var result = request.exchange();
        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(parameter);
        if (sent != null && !sent.isEmpty()) {
            assertThat(result.getResponse().getContentAsString()).doesNotContain(sent);
        }
    }

    private JsonNode search(String q) {
        return json(mvc.get().uri("/api/customers/search").param("q", q), 200);
    }

    private static JsonNode single(JsonNode answer) {
        assertThat(answer.get("customers")).as(answer.toString()).hasSize(1);
        return answer.get("customers").get(0);
    }
}
