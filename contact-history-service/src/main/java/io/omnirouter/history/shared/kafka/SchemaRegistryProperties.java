package io.omnirouter.history.shared.kafka;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Confluent-compatible schema registry the Avro values of the topics are described in.
 *
 * @param url            base URL, e.g. {@code http://registry:8081} (Confluent) or
 *                       {@code http://registry:8080/apis/ccompat/v7} (Apicurio)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one registry request
 */
@Validated
@ConfigurationProperties("omnirouter.schema-registry")
public record SchemaRegistryProperties(
        @NotBlank(message = "must be set to the base URL of a Confluent-compatible schema registry")
        @Pattern(regexp = "https?://[^\\s/@]+(/\\S*)?", message = "must be an http(s) URL without credentials, e.g. http://localhost:8081")
        String url,
        @NotNull Duration connectTimeout,
        @NotNull Duration requestTimeout) {
}
