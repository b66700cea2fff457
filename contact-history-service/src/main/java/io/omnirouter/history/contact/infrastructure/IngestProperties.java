package io.omnirouter.history.contact.infrastructure;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How contact.events is consumed.
 *
 * @param concurrency     consumer threads in this instance (more than the topic's partitions idle)
 * @param retryInitial    first pause before a batch that failed transiently (database or registry down) is retried
 * @param retryMultiplier growth of the pause from one retry to the next
 * @param retryMax        longest pause; retries never stop, so nothing is lost while a dependency is down
 */
@Validated
@ConfigurationProperties("omnirouter.history.ingest")
record IngestProperties(@Min(1) int concurrency,
                        @NotNull Duration retryInitial,
                        @DecimalMin("1.0") double retryMultiplier,
                        @NotNull Duration retryMax) {
}
