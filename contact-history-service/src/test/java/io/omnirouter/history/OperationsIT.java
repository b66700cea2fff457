package io.omnirouter.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class OperationsIT extends HistoryIntegrationTest {

    @Test
    void theApiIsDocumentedAsOpenApi() {
        JsonNode docs = json(mvc.get().uri("/v3/api-docs"), 200);

        assertThat(docs.get("paths").propertyNames())
                .contains("/api/customers/lookup", "/api/customers/{customerId}/timeline");
    }

    @Test
    void healthIsUp() {
        assertThat(json(mvc.get().uri("/actuator/health"), 200).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void metricsAreExposedForPrometheusIncludingTheConsumers() {
        var result = mvc.get().uri("/actuator/prometheus").exchange();

        assertThat(result).hasStatusOk().bodyText().contains("jvm_memory_used_bytes", "kafka_consumer_");
    }

    @Test
    void anUnknownPathIsAProblem404() {
        var result = mvc.get().uri("/api/nothing-here").exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
