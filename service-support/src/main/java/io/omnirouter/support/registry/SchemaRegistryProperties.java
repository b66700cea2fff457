package io.omnirouter.support.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Confluent-compatible schema registry the Avro values of the topics are described in.
 *
 * @param url               base URL, e.g. {@code http://registry:8081} (Confluent) or
 *                          {@code http://registry:8080/apis/ccompat/v7} (Apicurio)
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or unset for none
 * @param connectTimeout    TCP connect timeout
 * @param requestTimeout    timeout of one registry request
 */
@Validated
@ConfigurationProperties("omnirouter.schema-registry")
public record SchemaRegistryProperties(
        @NotBlank(message = "must be set to the base URL of a Confluent-compatible schema registry")
        // Credentials in the URL are refused when the client is built, with the URL redacted: a binding
        // error here would print the rejected value, password included.
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL, e.g. http://localhost:8081")
        String url,
        String basicAuthUserInfo,
        @NotNull Duration connectTimeout,
        @NotNull Duration requestTimeout) {

    /** Never prints the credentials. */
    @Override
    public String toString() {
        return "SchemaRegistryProperties[url=" + url + ", basicAuth=" + (basicAuthUserInfo == null ? "none" : "[hidden]")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
