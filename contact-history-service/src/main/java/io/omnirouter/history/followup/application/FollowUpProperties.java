package io.omnirouter.history.followup.application;

import io.omnirouter.history.followup.model.BusinessCalendar;
import io.omnirouter.history.followup.model.EscalationLadder;
import io.omnirouter.history.followup.model.FollowUpSettings;
import io.omnirouter.history.shared.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code omnirouter.history.followup.*}: the follow-up policy (every number of the table in
 * contact-history-service/docs/follow-up-policy.md, which lists these defaults) and the workers that apply it
 * (contact poller, clock, outbox relay); application.yml documents every key. Invalid values (a non-positive
 * duration, unordered tiers, a calendar that never opens, an unknown time zone) stop the service at start-up with
 * the key in the message.
 */
@Validated
@ConfigurationProperties("omnirouter.history.followup")
public record FollowUpProperties(
        @Valid @NotNull @DefaultValue Due due,
        @Min(1) @Max(5) @DefaultValue("2") int lowRatingThreshold,
        @DefaultValue("false") boolean anyChannelReplyCounts,
        @Valid List<Tier> escalation,
        @Valid Map<String, Calendar> calendars,
        @Valid @NotNull @DefaultValue Workers workers,
        @Valid @NotNull @DefaultValue Outbox outbox,
        @Valid @NotNull @DefaultValue Api api) {

    /** Due times per row of the follow-up policy (working time of the queue's calendar). */
    public record Due(
            @NotNull @DefaultValue("2h") Duration emailReply,
            @NotNull @DefaultValue("2h") Duration contactFormReply,
            @NotNull @DefaultValue("15m") Duration chatReply,
            @NotNull @DefaultValue("1h") Duration socialMessageReply,
            @NotNull @DefaultValue("30m") Duration publicCommentReply,
            @NotNull @DefaultValue("30m") Duration callback,
            @NotNull @DefaultValue("2h") Duration callSummary,
            @NotNull @DefaultValue("24h") Duration complaint,
            @NotNull @DefaultValue("24h") Duration recovery,
            @NotNull @DefaultValue("24h") Duration orderFollowUp,
            @NotNull @DefaultValue("2d") Duration survey,
            @NotNull @DefaultValue("1d") Duration thankYou) {

        public Due {
            Map<String, Duration> all = new LinkedHashMap<>();
            all.put("email-reply", emailReply);
            all.put("contact-form-reply", contactFormReply);
            all.put("chat-reply", chatReply);
            all.put("social-message-reply", socialMessageReply);
            all.put("public-comment-reply", publicCommentReply);
            all.put("callback", callback);
            all.put("call-summary", callSummary);
            all.put("complaint", complaint);
            all.put("recovery", recovery);
            all.put("order-follow-up", orderFollowUp);
            all.put("survey", survey);
            all.put("thank-you", thankYou);
            all.forEach((key, value) -> {
                if (value != null && (value.isNegative() || value.isZero())) {
                    throw new IllegalArgumentException("omnirouter.history.followup.due." + key + " must be positive, got " + value);
                }
            });
        }
    }

    /** An escalation tier: reached {@code overdueBy} after the due time, moves the task to {@code queue}. */
    public record Tier(@NotNull Duration overdueBy, @NotBlank String queue) {
    }

    /**
     * Business hours of a queue: a time zone and opening hours per weekday as {@code "HH:mm-HH:mm"}; days not
     * listed are closed.
     */
    public record Calendar(@NotNull String zone, @NotNull Map<DayOfWeek, String> hours) {
    }

    /**
     * @param applyInterval    pause between two polls for contacts not yet applied to the tasks
     * @param applyBatchSize   contacts claimed per transaction
     * @param applySettle      a contact is claimed once its event time (or its wait in the queue) is this far in the
     *                         past: a customer's contacts that reach the history through several partitions a little
     *                         out of event-time order are then claimed in event-time order, so that its fold continues
     *                         its checkpoint instead of starting again from the first contact; tasks appear that much
     *                         later
     * @param clockInterval    pause between two looks for overdue tasks
     * @param clockBatchSize   customers with overdue tasks handled per clock tick
     * @param enabled          false: no background worker (tests drive the use cases themselves)
     */
    public record Workers(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("200ms") Duration applyInterval,
            @Min(1) @Max(1000) @DefaultValue("100") int applyBatchSize,
            @NotNull @DefaultValue("1s") Duration applySettle,
            @NotNull @DefaultValue("1s") Duration clockInterval,
            @Min(1) @Max(1000) @DefaultValue("100") int clockBatchSize) {
    }

    /**
     * @param interval               pause between two relay rounds when the outbox was empty
     * @param batchSize              outbox rows per Kafka transaction
     * @param transactionalId        Kafka transactional.id of the relay: the same in every instance, so a new
     *                               leader fences a stale one
     * @param partitions             partitions of followup.tasks when the service creates it
     * @param replicationFactor      its replication factor; empty = the broker's default
     * @param delayAfterPublish      fault tests only: a pause between the Kafka commit and the outbox delete
     */
    public record Outbox(
            @NotNull @DefaultValue("200ms") Duration interval,
            @Min(1) @Max(5000) @DefaultValue("200") int batchSize,
            @NotBlank @DefaultValue("omnirouter-history-followup-outbox") String transactionalId,
            @Min(1) @DefaultValue("6") int partitions,
            Short replicationFactor,
            @NotNull @DefaultValue("0s") Duration delayAfterPublish) {
    }

    /** @param maxPageSize tasks per GET /api/tasks page (newest first) */
    public record Api(@Min(1) @Max(1000) @DefaultValue("100") int maxPageSize) {

        /**
         * The page size a request asks for, or the maximum when it names none.
         *
         * @throws InvalidRequestException if it is out of range
         */
        public int pageSize(Integer limit) {
            int size = limit == null ? maxPageSize : limit;
            if (size < 1 || size > maxPageSize) {
                throw InvalidRequestException.of("limit", "limit must be between 1 and " + maxPageSize);
            }
            return size;
        }
    }

    public FollowUpProperties {
        escalation = escalation == null || escalation.isEmpty()
                ? List.of(new Tier(Duration.ZERO, "second-line"), new Tier(Duration.ofHours(4), "supervisors"))
                : List.copyOf(escalation);
        calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
    }

    /** The model's view of the policy; the service builds it at start-up, so invalid values stop it there, naming the key. */
    public FollowUpSettings toSettings() {
        EscalationLadder ladder;
        try {
            ladder = new EscalationLadder(escalation.stream()
                    .map(t -> new EscalationLadder.Tier(t.overdueBy(), t.queue())).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("omnirouter.history.followup.escalation: " + e.getMessage(), e);
        }
        if (escalation.stream().anyMatch(t -> t.overdueBy() == null || t.overdueBy().isNegative())) {
            throw new IllegalArgumentException("omnirouter.history.followup.escalation[].overdue-by must be zero or positive");
        }
        Map<String, BusinessCalendar> businessCalendars = new LinkedHashMap<>();
        calendars.forEach((queue, calendar) -> businessCalendars.put(queue, calendar(queue, calendar)));
        return new FollowUpSettings(due.emailReply(), due.contactFormReply(), due.chatReply(), due.socialMessageReply(),
                due.publicCommentReply(), due.callback(), due.callSummary(), due.complaint(), due.recovery(), due.orderFollowUp(),
                due.survey(), due.thankYou(), lowRatingThreshold, anyChannelReplyCounts, ladder, businessCalendars);
    }

    private static BusinessCalendar calendar(String queue, Calendar calendar) {
        String key = "omnirouter.history.followup.calendars." + queue;
        try {
            ZoneId zone = ZoneId.of(calendar.zone());
            Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
            calendar.hours().forEach((day, range) -> week.put(day, hours(range)));
            return BusinessCalendar.weekly(zone, week);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static BusinessCalendar.Hours hours(String range) {
        String[] parts = range.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("opening hours must read HH:mm-HH:mm, got '" + range + "'");
        }
        try {
            return new BusinessCalendar.Hours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("opening hours must read HH:mm-HH:mm, got '" + range + "'", e);
        }
    }
}
