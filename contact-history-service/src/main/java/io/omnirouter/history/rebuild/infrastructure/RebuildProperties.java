package io.omnirouter.history.rebuild.infrastructure;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize   records per poll, i.e. contacts per database transaction while rebuilding
 * @param pollTimeout how long one poll waits for records
 */
@Validated
@ConfigurationProperties("omnirouter.history.rebuild")
record RebuildProperties(@Min(1) @Max(10_000) int batchSize, @NotNull Duration pollTimeout) {
}
