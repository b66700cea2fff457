package io.omnirouter.history.customer;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

class CustomerLookupIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");
    private static final String EMAIL = "ana.novak@example.com";
    private static final String PHONE = "+38641123456";

    private String customerId;

    @BeforeEach
    void aCustomerKnownByEmailAndPhone() {
        // As the router publishes them: normalized.
        publish(contact(Channel.PHONE, T0)
                .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(EMAIL).setPhone(PHONE).build()).build());
        await().pollInSameThread().atMost(PATIENCE).until(() -> mvc.get().uri("/api/customers/lookup").param("email", EMAIL).exchange()
                .getResponse().getStatus() == 200);
        customerId = json(mvc.get().uri("/api/customers/lookup").param("email", EMAIL), 200).get("customerId").asString();
    }

    @Test
    void findsTheCustomerByAnEmailTypedWithCapitalsAndSpaces() {
        JsonNode customer = json(mvc.get().uri("/api/customers/lookup").param("email", " Ana.Novak@Example.com "), 200);

        assertThat(customer.get("customerId").asString()).isEqualTo(customerId);
        assertThat(Instant.parse(customer.get("firstContactAt").asString())).isEqualTo(T0);
        assertThat(Instant.parse(customer.get("lastContactAt").asString())).isEqualTo(T0);
        assertThat(customer.get("identifiers").valueStream()
                .map(i -> i.get("type").asString() + "=" + i.get("value").asString() + ",shared=" + i.get("shared").asBoolean()))
                .containsExactlyInAnyOrder("EMAIL=" + EMAIL + ",shared=false", "PHONE=" + PHONE + ",shared=false");
    }

    @Test
    void findsTheCustomerByANationalNumberInTheDefaultRegion() {
        assertThat(json(mvc.get().uri("/api/customers/lookup").param("phone", "041 123 456"), 200).get("customerId").asString())
                .isEqualTo(customerId);
        assertThat(json(mvc.get().uri("/api/customers/lookup").param("phone", "+386 41 123 456"), 200).get("customerId").asString())
                .isEqualTo(customerId);
    }

    @Test
    void anUnknownIdentifierIsAProblem404() {
        var result = mvc.get().uri("/api/customers/lookup").param("email", "nobody@example.com").exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(404);
    }

    /**
     * A lookup takes several statements; each answer reads one snapshot, so a late (older) contact re-deriving the
     * customer under a new id never makes the customer vanish between them: every lookup finds it.
     */
    @Test
    void aCustomerIsFoundOnEveryLookupWhileLateContactsReDeriveIt() throws Exception {
        String address = "rederived-" + UUID.randomUUID() + "@example.com";
        CustomerIdentifiers byEmail = CustomerIdentifiers.newBuilder().setEmail(address).build();
        publish(contact(Channel.EMAIL, T0).setIdentifiers(byEmail).build());
        awaitCustomer("email", address);
        HttpRequest lookup = request("/api/customers/lookup?email=" + address, "agent").build();
        HttpClient client = httpClient();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Runnable lookingUp = () -> {
            while (!done.get()) {
                try {
                    statuses.add(client.send(lookup, HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        CompletableFuture<Void> lookups = CompletableFuture.allOf(CompletableFuture.runAsync(lookingUp),
                CompletableFuture.runAsync(lookingUp), CompletableFuture.runAsync(lookingUp));
        Set<String> ids = new HashSet<>();
        try {
            for (int late = 1; late <= 30; late++) {
                publish(contact(Channel.EMAIL, T0.minusSeconds(60L * late)).setIdentifiers(byEmail).build());
                int expected = late + 1;
                await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/lookup").param("email", address), 200)
                        .get("contactCount").asInt() == expected);
                ids.add(json(mvc.get().uri("/api/customers/lookup").param("email", address), 200).get("customerId").asString());
            }
        } finally {
            done.set(true);
            lookups.get(30, TimeUnit.SECONDS);
        }
        assertThat(ids).as("each late contact gave the customer a new id").hasSizeGreaterThan(20);
        assertThat(statuses).hasSizeGreaterThan(15).containsOnly(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            none           | none                 | exactly one of the parameters
            phone          | not a number         | PHONE identifier rejected
            email          | ana.novak.example.com| EMAIL identifier rejected
            email          | ' '                  | EMAIL identifier is blank
            """)
    void badParametersAreAProblem400(String name, String value, String reason) {
        var request = mvc.get().uri("/api/customers/lookup");
        if (name != null) {
            request.param(name, value);
        }
        assertIsProblem400(request, reason);
    }

    @Test
    void twoIdentifiersAtOnceAreAProblem400() {
        assertIsProblem400(mvc.get().uri("/api/customers/lookup").param("email", EMAIL).param("phone", PHONE),
                "exactly one of the parameters");
    }

    private static void assertIsProblem400(MockMvcTester.MockMvcRequestBuilder request, String reason) {
        var result = request.exchange();

        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(reason);
    }
}
