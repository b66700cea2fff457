package io.omnirouter.history.presence;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.presence.application.PresenceProperties;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, item 7: presence. Agents looking at the same customer see each other, on any instance; a heartbeat older than
 * the TTL no longer counts; a merged customer counts as its survivor.
 */
class PresenceIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final String VIEWERS = "/api/customers/{id}/viewers";
    private static final String ME = "/api/customers/{id}/viewers/me";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PresenceProperties properties;

    @Test
    void twoAgentsLookingAtTheSameCustomerSeeEachOtherUntilOneLeaves() {
        String customerId = newCustomer();

        JsonNode first = heartbeat(customerId, "agent-1");
        assertThat(names(first)).isEmpty();
        assertThat(first.get("customerId").asString()).isEqualTo(customerId);
        assertThat(first.get("heartbeatIntervalMillis").asLong()).isEqualTo(properties.heartbeatInterval().toMillis());
        assertThat(first.get("ttlMillis").asLong()).isEqualTo(properties.ttl().toMillis());
        assertThat(names(heartbeat(customerId, "agent-2"))).containsExactly("agent-1");
        assertThat(names(heartbeat(customerId, "agent-1"))).as("the others only").containsExactly("agent-2");
        JsonNode everyone = json(mvc.get().uri(VIEWERS, customerId), 200);
        assertThat(names(everyone)).containsExactly("agent-1", "agent-2");
        assertThat(everyone.get("viewers").get(0).get("seenAt").asString()).isNotBlank();
        assertThat(names(heartbeat(newCustomer(), "agent-3"))).as("another customer's viewers").isEmpty();

        assertThat(as(mvc.delete().uri(ME, customerId), "agent-2").exchange()).hasStatus(204);
        assertThat(names(json(mvc.get().uri(VIEWERS, customerId), 200))).containsExactly("agent-1");
        assertThat(names(heartbeat(customerId, "agent-1"))).isEmpty();
        assertThat(as(mvc.delete().uri(ME, customerId), "agent-2").exchange()).as("left twice").hasStatus(204);
    }

    @Test
    void aViewerWhoseHeartbeatIsOlderThanTheTtlNoLongerCountsAndIsPurged() {
        String customerId = newCustomer();
        heartbeat(customerId, "agent-1");
        heartbeat(customerId, "agent-2");
        // agent-2's browser went away without a word: its last heartbeat is a TTL and a second old.
        age(customerId, "agent-2", properties.ttl().plusSeconds(1));

        assertThat(names(json(mvc.get().uri(VIEWERS, customerId), 200))).containsExactly("agent-1");
        assertThat(names(heartbeat(customerId, "agent-1"))).isEmpty();
        // Expired heartbeats are purged by a heartbeat, at most once per TTL per instance: within a TTL of heartbeats.
        await().atMost(properties.ttl().plus(PATIENCE)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            heartbeat(customerId, "agent-1");
            return rows(customerId, "agent-2") == 0;
        });
        assertThat(rows(customerId, "agent-1")).isEqualTo(1);
    }

    @Test
    void aCustomerMergedIntoAnotherCountsAsTheSurvivor() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        String email = "presence-" + token + "@example.com";
        String shopId = "P-" + token;
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build()).build(),
                contact(Channel.WEBSHOP, T0.plusSeconds(60)).setIdentifiers(CustomerIdentifiers.newBuilder().setShopCustomerId(shopId).build()).build());
        String byEmail = awaitCustomer("email", email);
        String byShop = awaitCustomer("shopCustomerId", shopId);
        // Looking at the shop customer before the merge, and still when it merges.
        heartbeat(byShop, "agent-early");

        publish(contact(Channel.WEBSHOP, T0.plusSeconds(120))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).setShopCustomerId(shopId).build()).build());
        await().atMost(PATIENCE).until(() -> awaitCustomer("shopCustomerId", shopId).equals(awaitCustomer("email", email)));
        String survivor = awaitCustomer("email", email);
        String merged = survivor.equals(byEmail) ? byShop : byEmail;

        JsonNode throughMerged = heartbeat(merged, "agent-1");
        assertThat(throughMerged.get("customerId").asString()).isEqualTo(survivor);
        assertThat(names(throughMerged)).containsExactly("agent-early");
        assertThat(names(heartbeat(survivor, "agent-2"))).containsExactly("agent-1", "agent-early");
        assertThat(names(json(mvc.get().uri(VIEWERS, merged), 200))).containsExactly("agent-1", "agent-2", "agent-early");

        assertThat(as(mvc.delete().uri(ME, survivor), "agent-early").exchange()).hasStatus(204);
        assertThat(names(json(mvc.get().uri(VIEWERS, survivor), 200))).containsExactly("agent-1", "agent-2");
    }

    @Test
    void aMalformedCustomerIdIsABadRequestAndAnUnknownOneNotFound() throws Exception {
        for (MockMvcTester.MockMvcRequestBuilder request : List.of(mvc.get().uri("/api/customers/not-a-uuid/viewers"),
                mvc.put().uri("/api/customers/not-a-uuid/viewers/me"), mvc.delete().uri("/api/customers/1-2-3-4-5/viewers/me"))) {
            var result = request.exchange();
            assertThat(result).hasStatus(400).hasContentType("application/problem+json");
            JsonNode problem = json(result.getResponse().getContentAsString());
            assertThat(problem.get("parameter").asString()).isEqualTo("customerId");
            assertThat(problem.get("detail").asString()).doesNotContain("not-a-uuid");
        }
        String unknown = UUID.randomUUID().toString();
        assertThat(json(mvc.put().uri(ME, unknown), 404).get("title").asString()).isEqualTo("Customer not found");
        json(mvc.get().uri(VIEWERS, unknown), 404);
        json(mvc.delete().uri(ME, unknown), 404);
    }

    /** As notes and consents: for those who work customers. OPS reads the rest of the API but is no viewer. */
    @Test
    void agentsAndSupervisorsAreViewersOpsIsRefused() throws Exception {
        String customerId = newCustomer();
        assertThat(names(json(mvc.put().uri(ME, customerId).with(user("sue").roles("SUPERVISOR")), 200))).isEmpty();
        assertThat(names(heartbeat(customerId, "agent-1"))).containsExactly("sue");

        for (MockMvcTester.MockMvcRequestBuilder request : List.of(mvc.get().uri(VIEWERS, customerId),
                mvc.put().uri(ME, customerId), mvc.delete().uri(ME, customerId))) {
            assertThat(json(request.with(user("olga").roles("OPS")), 403).get("status").asInt()).isEqualTo(403);
        }
        // Over HTTP too, with the local users' credentials (no CSRF token needed with Basic).
        HttpClient http = httpClient();
        assertThat(http.send(request("/api/customers/" + customerId + "/viewers", "ops").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(names(json(get("/api/customers/" + customerId + "/viewers", "agent", 200).body())))
                .containsExactly("agent-1", "sue");
        assertThat(names(heartbeat(customerId, "agent-1"))).doesNotContain("olga");
    }

    @Test
    void anAgentOnOneInstanceSeesAnAgentOnAnother() throws Exception {
        String customerId = newCustomer();
        // The second instance stays out of the ingest (its listeners do not start): presence needs only the database.
        try (ConfigurableApplicationContext second = startAnotherInstance("--spring.kafka.listener.auto-startup=false",
                "--omnirouter.history.ingest.concurrency=1")) {
            String secondUrl = "http://localhost:" + second.getEnvironment().getProperty("local.server.port");
            String path = "/api/customers/" + customerId + "/viewers";
            HttpClient http = httpClient();

            HttpResponse<String> onFirst = http.send(request(path + "/me", "agent").PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(onFirst.statusCode()).as(onFirst.body()).isEqualTo(200);
            assertThat(names(json(onFirst.body()))).isEmpty();

            HttpResponse<String> onSecond = http.send(request(secondUrl, path + "/me", "supervisor")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(onSecond.statusCode()).as(onSecond.body()).isEqualTo(200);
            assertThat(onSecond.headers().firstValue("Omnirouter-Instance"))
                    .isNotEqualTo(onFirst.headers().firstValue("Omnirouter-Instance"));
            assertThat(names(json(onSecond.body()))).as("the agent on the first instance, seen on the second").containsExactly("agent");
            assertThat(names(json(get(path, "agent", 200).body()))).as("and back").containsExactly("agent", "supervisor");

            assertThat(http.send(request(secondUrl, path + "/me", "agent").DELETE().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("left through the other instance").isEqualTo(204);
            assertThat(names(json(get(path, "supervisor", 200).body()))).containsExactly("supervisor");
        }
    }

    @Test
    void theEndpointsAreDocumentedWithTheirErrors() {
        JsonNode paths = json(mvc.get().uri("/v3/api-docs"), 200).get("paths");
        JsonNode me = paths.get("/api/customers/{customerId}/viewers/me");
        JsonNode viewers = paths.get("/api/customers/{customerId}/viewers");
        for (JsonNode operation : List.of(me.get("put"), me.get("delete"), viewers.get("get"))) {
            assertThat(operation.get("summary").asString()).contains("AGENT, SUPERVISOR");
            assertThat(operation.get("responses").propertyNames()).contains("400", "401", "403", "404");
        }
        assertThat(me.get("put").get("responses").propertyNames()).contains("200");
        assertThat(me.get("delete").get("responses").propertyNames()).contains("204");
        assertThat(viewers.get("get").get("responses").propertyNames()).contains("200");
    }

    private String newCustomer() {
        String email = "viewed-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build()).build());
        return awaitCustomer("email", email);
    }

    private JsonNode heartbeat(String customerId, String agent) {
        return json(as(mvc.put().uri(ME, customerId), agent), 200);
    }

    private static MockMvcTester.MockMvcRequestBuilder as(MockMvcTester.MockMvcRequestBuilder request, String agent) {
        return request.with(user(agent).roles("AGENT"));
    }

    private static List<String> names(JsonNode answer) {
        return answer.get("viewers").valueStream().map(viewer -> viewer.get("agentId").asString()).toList();
    }

    /** Makes the agent's last heartbeat on the customer that much older, on the database's clock. */
    private void age(String customerId, String agent, Duration by) {
        assertThat(jdbc.update("UPDATE customer_viewer SET seen_at = now() - make_interval(secs => ?)"
                + " WHERE customer_id = ?::uuid AND agent_id = ?", by.toSeconds(), customerId, agent)).isEqualTo(1);
    }

    private int rows(String customerId, String agent) {
        return jdbc.queryForObject("SELECT count(*) FROM customer_viewer WHERE customer_id = ?::uuid AND agent_id = ?",
                Integer.class, customerId, agent);
    }
}
