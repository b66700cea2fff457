package io.omnirouter.history.shared.action.application;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Agents' actions on {@code agent.actions} ({@code omnirouter.history.actions.*}).
 *
 * @param applyWait             how long the API waits for an action to be applied before it answers 202 with where
 *                              to poll
 * @param pollInterval          how often it looks meanwhile
 * @param partitions            partitions of agent.actions when this service creates it
 * @param replicationFactor     its replication factor; empty = the broker's default
 * @param transactionalIdPrefix prefix of the transactional ids of the producers that publish actions; the instance
 *                              id follows it, so that two instances never fence each other
 */
@Validated
@ConfigurationProperties("omnirouter.history.actions")
public record ActionProperties(
        @NotNull @DefaultValue("5s") Duration applyWait,
        @NotNull @DefaultValue("20ms") Duration pollInterval,
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) Short replicationFactor,
        @NotBlank @DefaultValue("omnirouter-history-actions-") String transactionalIdPrefix) {

    @AssertTrue(message = "apply-wait must not be negative and poll-interval must be positive")
    boolean isTimingValid() {
        return applyWait == null || pollInterval == null || !applyWait.isNegative() && pollInterval.compareTo(Duration.ZERO) > 0;
    }
}
