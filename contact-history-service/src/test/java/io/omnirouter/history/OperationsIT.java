package io.omnirouter.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.support.instance.InstanceHeaderFilter;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

class OperationsIT extends HistoryIntegrationTest {

    @Test
    void theApiIsDocumentedAsOpenApi() {
        JsonNode docs = json(mvc.get().uri("/v3/api-docs"), 200);

        assertThat(docs.get("paths").propertyNames()).contains("/api/customers/lookup", "/api/customers/{customerId}/timeline",
                "/api/customers/{customerId}/threads/{threadKey}", "/api/stream", "/api/me");
        assertThat(docs.at("/components/securitySchemes/basicAuth/scheme").asString()).isEqualTo("basic");
        assertThat(docs.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/paths/~1api~1customers~1{customerId}~1threads~1{threadKey}/get/parameters").valueStream()
                .map(parameter -> parameter.get("name").asString())).contains("customerId", "threadKey", "limit", "cursor");
        // The one search box (issue 14), with its errors.
        assertThat(docs.at("/paths/~1api~1customers~1search/get/parameters").valueStream()
                .map(parameter -> parameter.get("name").asString())).containsExactly("q", "limit", "cursor");
        assertThat(docs.at("/paths/~1api~1customers~1search/get/responses").propertyNames()).contains("200", "400", "401");
    }

    @Test
    void swaggerUiIsServed() {
        assertThat(mvc.get().uri("/swagger-ui.html").exchange()).hasStatus3xxRedirection();
        assertThat(mvc.get().uri("/swagger-ui/index.html").exchange()).hasStatusOk().bodyText().contains("Swagger UI");
    }

    @Test
    @WithAnonymousUser
    void healthIsUpAndSaysWhichInstanceAnswered() {
        var result = mvc.get().uri("/actuator/health").exchange();

        assertThat(result).hasStatusOk().headers().hasHeaderSatisfying(InstanceHeaderFilter.HEADER,
                values -> assertThat(values).singleElement().asString().matches("contact-history-service-[0-9a-f]{8}"));
        assertThat(json(mvc.get().uri("/actuator/health"), 200).get("status").asString()).isEqualTo("UP");
    }

    @Test
    @WithAnonymousUser
    void aRefusedRequestSaysWhichInstanceRefusedIt() {
        assertThat(mvc.get().uri("/api/ops/overview").exchange()).hasStatus(401).headers().containsHeader(InstanceHeaderFilter.HEADER);
    }

    @Test
    @WithMockUser(roles = "OPS")
    void metricsAreExposedForPrometheusIncludingTheConsumers() {
        var result = mvc.get().uri("/actuator/prometheus").exchange();

        assertThat(result).hasStatusOk().bodyText().contains("jvm_memory_used_bytes", "kafka_consumer_", "omnirouter_live_streams");
    }

    @Test
    void anUnknownPathIsAProblem404() {
        var result = mvc.get().uri("/api/nothing-here").exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
