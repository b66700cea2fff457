package io.omnirouter.history.rebuild.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize       records per poll, i.e. contacts per database transaction while rebuilding
 * @param pollTimeout     how long one poll waits for records
 * @param claimInterval   how often every instance looks for a rebuild that no live instance runs (the one running it
 *                        was lost) to resume it
 * @param switchBehindBy  the rebuild catches up with the log until one pass reads at most this many records; the rest
 *                        is read inside the switch, while the live projections are locked
 */
@Validated
@ConfigurationProperties("omnirouter.history.rebuild")
public record RebuildProperties(@Min(1) @Max(10_000) int batchSize, @NotNull Duration pollTimeout, @NotNull Duration claimInterval,
                                @Min(0) @Max(100_000) int switchBehindBy) {
}
