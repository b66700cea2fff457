package io.omnirouter.router.config;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.Intent;
import io.omnirouter.contact.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every tunable of the router, under {@code omnirouter.router}. Defaults live in {@code application.yml}
 * next to their documentation; a missing or invalid value fails the start-up with the property's name.
 *
 * @param instanceId         unique per running instance: it prefixes the Kafka transactional ids
 * @param defaultPhoneRegion ISO 3166 region in which national phone numbers are read (e.g. SI)
 * @param schemaRegistrationWait how long start-up keeps asking an unreachable or failing registry to register the
 *                           contract's schemas before it gives up
 */
@Validated
@ConfigurationProperties("omnirouter.router")
public record RouterProperties(
        @NotBlank String instanceId,
        @NotBlank String defaultPhoneRegion,
        @NotNull Duration schemaRegistrationWait,
        @Valid @NotNull Validation validation,
        @Valid @NotNull Deduplication deduplication,
        @Valid @NotNull Classification classification,
        @Valid @NotNull Topics topics) {

    /**
     * @param earliestOccurredAt event times before this are rejected as implausible
     * @param maxFutureSkew      event times further ahead of the router's clock are rejected
     * @param maxSubjectChars    longer subjects are cut and marked
     * @param maxTextChars       longer bodies/messages/notes are cut and marked
     * @param truncationMarker   appended to a cut text
     * @param maxIdChars         events with a longer id (eventId, Message-ID, call/session/order/agent id…) are
     *                           rejected: ids become thread keys and indexed columns, and PostgreSQL refuses an index
     *                           entry over about 2.7 kB (500 characters stay below it at 3 bytes a character)
     */
    public record Validation(@NotNull Instant earliestOccurredAt, @NotNull Duration maxFutureSkew,
                             @Min(20) int maxSubjectChars, @Min(20) int maxTextChars,
                             @NotBlank String truncationMarker, @Min(1) @Max(900) int maxIdChars) {
    }

    /**
     * @param windowPerPartition how many recent event ids per source partition are remembered; on assignment
     *                           the window is rebuilt from that many records before the committed offset
     */
    public record Deduplication(@Min(1) @Max(10_000_000) int windowPerPartition) {
    }

    /**
     * @param keywords           per intent, in precedence order: multilingual keyword stems (substring match)
     * @param urgentKeywords     words that make a contact URGENT
     * @param priorityByIntent   base priority of each intent
     * @param lowRatingThreshold a rating at or below this is an unhappy customer (priority at least HIGH)
     * @param raiseForB2b        business customers get one priority step more
     * @param defaultQueue       queue when no rule matches
     * @param queueRules         first matching rule wins; unset conditions match anything
     */
    public record Classification(@NotEmpty Map<Intent, List<String>> keywords,
                                 @NotNull List<String> urgentKeywords,
                                 @NotNull Map<Intent, Priority> priorityByIntent,
                                 @Min(1) @Max(5) int lowRatingThreshold,
                                 boolean raiseForB2b,
                                 @NotBlank String defaultQueue,
                                 @NotNull List<@Valid QueueRuleProperties> queueRules) {
    }

    public record QueueRuleProperties(Channel channel, Intent intent, String segment, String language,
                                      @NotBlank String queue) {
    }

    /**
     * @param partitions        partitions of the channel topics, contact.events and the DLTs
     * @param replicationFactor replication of the topics the router declares; unset = the broker's
     *                          {@code default.replication.factor} (1 on a laptop, 3 in a cluster)
     * @param channelRetention  how long channel topics keep events (contact.events is kept forever); at most 30 days,
     *                          because adapters write personal data there in clear and an erasure cannot reach it
     *                          (docs/personal-data.md)
     * @param deadLetterRetention how long dead letters are kept for inspection and replay; at most 30 days, for the
     *                          same reason
     */
    public record Topics(@Min(1) int partitions, @Min(1) Short replicationFactor,
                         @NotNull @DurationMax(days = 30) Duration channelRetention,
                         @NotNull @DurationMax(days = 30) Duration deadLetterRetention) {
    }
}
