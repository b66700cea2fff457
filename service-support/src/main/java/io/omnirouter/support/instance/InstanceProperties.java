package io.omnirouter.support.instance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which running instance of a service this is, so that anyone asking (an ops engineer behind a load balancer, a
 * health probe, a log reader) can tell which instance answered. Set it per instance ({@code ROUTER_INSTANCE_ID},
 * {@code OMNIROUTER_INSTANCE_ID}); unset, {@link InstanceIdDefault} gives the process one random id at start.
 *
 * @param id stable per instance where the deployment can give one (the router's Kafka transactional ids derive from
 *           it); sent as the {@value InstanceHeaderFilter#HEADER} header of every HTTP response
 */
@Validated
@ConfigurationProperties("omnirouter.instance")
public record InstanceProperties(
        @NotBlank
        // It goes into an HTTP header and into Kafka client and transactional ids.
        @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
        String id) {
}
