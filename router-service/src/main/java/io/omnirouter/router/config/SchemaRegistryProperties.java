package io.omnirouter.router.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Confluent-compatible schema registry is ({@code omnirouter.schema-registry}).
 *
 * @param url            base URL, e.g. {@code http://localhost:8081/apis/ccompat/v7} (Apicurio) or
 *                       {@code http://registry:8081} (Confluent, Karapace, Redpanda)
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, from the environment; empty for none
 * @param requestTimeout timeout of one registry request
 */
@Validated
@ConfigurationProperties("omnirouter.schema-registry")
public record SchemaRegistryProperties(
        @NotBlank @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String url,
        String basicAuthUserInfo,
        @NotNull Duration requestTimeout) {

    /** Never prints the credentials. */
    @Override
    public String toString() {
        return "SchemaRegistryProperties[url=" + url + ", basicAuth=" + (basicAuthUserInfo == null || basicAuthUserInfo.isBlank() ? "none" : "[hidden]") + "]";
    }
}
