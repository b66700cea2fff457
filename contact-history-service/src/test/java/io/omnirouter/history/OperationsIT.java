package io.omnirouter.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.support.instance.InstanceHeaderFilter;
import java.util.ArrayList;
import java.util.List;
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
    void everyOperationDocumentsItsErrorsAsProblemDetails() {
        JsonNode paths = json(mvc.get().uri("/v3/api-docs"), 200).get("paths");
        List<String> checked = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                JsonNode operation = paths.get(path).get(method);
                if (!operation.has("responses")) {
                    continue; // a path item's own fields (parameters, summary), not an operation
                }
                String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                JsonNode responses = operation.get("responses");
                List<String> errors = new ArrayList<>(List.of("401", "403"));
                if (operation.has("parameters") && !operation.get("parameters").isEmpty() || operation.has("requestBody")) {
                    errors.add("400");
                }
                if (path.contains("{")) {
                    errors.add("404");
                }
                assertThat(responses.propertyNames()).as(name).containsAll(errors);
                for (String error : errors) {
                    assertThat(responses.get(error).at("/content/application~1problem+json/schema/$ref").asString())
                            .as(name + " " + error).isEqualTo("#/components/schemas/Problem");
                }
                checked.add(name);
            }
        }
        assertThat(checked).as("the operations checked").contains("POST /api/tasks/{taskId}/complete",
                "GET /api/customers/{customerId}/promises", "GET /api/promises", "PUT /api/agents/{agentId}/absence");
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
