package io.omnirouter.history.audit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadEndpointsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET | /api/customers/lookup                           | GET /api/customers/lookup
            GET | /api/customers/{customerId}                     | GET /api/customers/{customerId}
            GET | /api/customers/{customerId}/timeline            | GET /api/customers/{customerId}/timeline
            GET | /api/customers/{customerId}/threads/{*threadKey} | GET /api/customers/{customerId}/threads/{*threadKey}
            GET | /api/stream                                     | GET /api/stream
            """)
    void namesAnEndpointByItsMethodAndRouteTemplate(String method, String template, String endpoint) {
        assertThat(ReadEndpoints.of(method, template)).isEqualTo(endpoint);
    }

    /** What a request's path or query holds (a thread key, an e-mail address, an encoded value) is no template. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/customers/lookup?email=ana@example.com", "/api/customers/c1/threads/email:abc@example.com",
            "/api/customers/a%40b", "api/customers", "", "/api//customers", "/api/customers/{customer id}", "/api/{}"})
    void refusesWhatIsNoRouteTemplate(String path) {
        assertThatThrownBy(() -> ReadEndpoints.of("GET", path)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "", "GET /x", "G"})
    void refusesWhatIsNoMethod(String method) {
        assertThatThrownBy(() -> ReadEndpoints.of(method, "/api/stream")).isInstanceOf(IllegalArgumentException.class);
    }
}
