package io.omnirouter.history.shared.kafka;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param sendTimeout how long to wait for the broker to acknowledge a dead letter before the whole batch
 *                    is retried (a dead letter is never dropped)
 */
@Validated
@ConfigurationProperties("omnirouter.dead-letter")
public record DeadLetterProperties(@NotNull Duration sendTimeout) {
}
