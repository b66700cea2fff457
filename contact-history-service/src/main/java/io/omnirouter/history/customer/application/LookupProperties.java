package io.omnirouter.history.customer.application;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultPhoneRegion ISO 3166 region in which national phone numbers given to the lookup are read;
 *                           must match the router's, or lookups by national number miss
 */
@Validated
@ConfigurationProperties("omnirouter.history")
public record LookupProperties(@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 region code such as SI")
                               String defaultPhoneRegion) {
}
