package io.omnirouter.history.customer.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code GET /api/customers/{customerId}}, the customer header of the console.
 *
 * @param namesShown names shown (distinct, the most recently given first): a customer who wrote as "Ana Novak", "A.
 *                   Novak" and "ana" shows all three, a switchboard number that collected dozens does not flood it
 */
@Validated
@ConfigurationProperties("omnirouter.history.profile")
public record ProfileProperties(@Min(1) @Max(20) int namesShown) {
}
