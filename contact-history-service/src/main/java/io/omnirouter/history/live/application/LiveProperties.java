package io.omnirouter.history.live.application;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live stream ({@code GET /api/stream}).
 *
 * @param keepAlive      how often an idle stream gets a comment line, so proxies keep it open and dead clients are noticed
 * @param queueCapacity  events queued per client; a client that falls this far behind is disconnected (its browser
 *                       reconnects and reloads what it shows) instead of holding memory
 * @param maxStreams     open streams at most; more get 503
 * @param streamTimeout  a stream is closed after this long; clients reconnect (EventSource does it by itself)
 * @param reconnectDelay what clients are told to wait before reconnecting
 * @param senderThreads  threads writing to clients (they never wait for a client: writes are non-blocking)
 * @param sendTimeout    a client whose connection takes nothing of what was written for this long (it stopped reading,
 *                       or its network did) is disconnected; until then its events wait in its queue
 * @param pollInterval   how often the change log is read when no word of a new change came (LISTEN/NOTIFY brings word
 *                       at once; this bounds the delay when it does not, say after the database restarted)
 * @param retention      how long changes are kept: a client that reconnects within it resumes where it was, on any
 *                       instance; one that comes back later gets a resync
 */
@Validated
@ConfigurationProperties("omnirouter.live")
public record LiveProperties(@NotNull @DefaultValue("15s") Duration keepAlive,
                             @Min(1) @Max(100_000) @DefaultValue("10000") int queueCapacity,
                             @Min(1) @DefaultValue("500") int maxStreams,
                             @NotNull @DefaultValue("30m") Duration streamTimeout,
                             @NotNull @DefaultValue("3s") Duration reconnectDelay,
                             @Min(1) @Max(64) @DefaultValue("4") int senderThreads,
                             @NotNull @DefaultValue("10s") Duration sendTimeout,
                             @NotNull @DefaultValue("500ms") Duration pollInterval,
                             @NotNull @DefaultValue("15m") Duration retention) {

    @AssertTrue(message = "send-timeout must be positive")
    public boolean isSendTimeoutPositive() {
        return sendTimeout == null || !(sendTimeout.isNegative() || sendTimeout.isZero());
    }

    @AssertTrue(message = "poll-interval must be between 1 ms and 1 minute")
    public boolean isPollIntervalInRange() {
        return pollInterval == null || (pollInterval.toMillis() >= 1 && pollInterval.compareTo(Duration.ofMinutes(1)) <= 0);
    }

    @AssertTrue(message = "retention must be at least 1 minute (clients must have time to reconnect)")
    public boolean isRetentionLongEnough() {
        return retention == null || retention.compareTo(Duration.ofMinutes(1)) >= 0;
    }
}
