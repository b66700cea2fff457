package io.omnirouter.history.followup.model;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of the follow-up policy (all configurable; defaults in contact-history-service/docs/follow-up-policy.md).
 *
 * @param anyChannelReplyCounts a reply on any channel closes a REPLY, not only one on the same thread
 * @param socialMessageReply    an inbound private social message's REPLY
 * @param publicCommentReply    the REPLY of an inbound public comment that complains or rates low
 * @param lowRatingThreshold    a satisfaction, review or comment rating at or below this needs a RECOVERY (and a
 *                              public comment so rated a quick REPLY)
 * @param calendars             business hours per queue; queues not listed are open 24/7
 */
public record FollowUpSettings(
        Duration emailReply,
        Duration contactFormReply,
        Duration chatReply,
        Duration socialMessageReply,
        Duration publicCommentReply,
        Duration callback,
        Duration callSummary,
        Duration complaint,
        Duration recovery,
        Duration orderFollowUp,
        Duration survey,
        Duration thankYou,
        int lowRatingThreshold,
        boolean anyChannelReplyCounts,
        EscalationLadder escalation,
        Map<String, BusinessCalendar> calendars) {

    public FollowUpSettings {
        // Sorted, so that the settings read the same in every instance and after every restart (toString is part of
        // the follow-up's fingerprint, PromiseKeeping#fingerprint); Map.copyOf's order changes from run to run.
        calendars = Collections.unmodifiableMap(new TreeMap<>(calendars));
    }

    public BusinessCalendar calendarOf(String queue) {
        return calendars.getOrDefault(queue, BusinessCalendar.ALWAYS_OPEN);
    }
}
