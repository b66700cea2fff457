package io.omnirouter.history.presence.application;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Presence: who else is looking at a customer ({@code /api/customers/{customerId}/viewers}).
 *
 * @param ttl               a viewer whose last heartbeat is older than this is no longer looking (their browser closed
 *                          or lost its network without saying so); expired heartbeats are purged at most this often
 * @param heartbeatInterval how often the console sends a heartbeat while a customer is shown (the API advertises it):
 *                          well under the TTL, so that one lost heartbeat does not make a viewer vanish
 */
@Validated
@ConfigurationProperties("omnirouter.history.presence")
public record PresenceProperties(@NotNull @DefaultValue("30s") Duration ttl,
                                 @NotNull @DefaultValue("10s") Duration heartbeatInterval) {

    @AssertTrue(message = "ttl must be between 1 second and 1 hour")
    public boolean isTtlInRange() {
        return ttl == null || (ttl.compareTo(Duration.ofSeconds(1)) >= 0 && ttl.compareTo(Duration.ofHours(1)) <= 0);
    }

    @AssertTrue(message = "heartbeat-interval must be at least 100 ms and at most half the ttl")
    public boolean isHeartbeatWithinTtl() {
        return heartbeatInterval == null || ttl == null
                || (heartbeatInterval.toMillis() >= 100 && heartbeatInterval.multipliedBy(2).compareTo(ttl) <= 0);
    }
}
