package io.omnirouter.history.followup.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The follow-up policy with its documented defaults (contact-history-service/docs/follow-up-policy.md): the due times (a private social message 1 h, an unhappy public comment 30 min), two escalation tiers (second line, then supervisors 4 h later). */
final class SpecPolicy {

    static final EscalationLadder LADDER = new EscalationLadder(List.of(
            new EscalationLadder.Tier(Duration.ZERO, "second-line"),
            new EscalationLadder.Tier(Duration.ofHours(4), "supervisors")));

    private SpecPolicy() {
    }

    /** The rules with the given business calendars by queue (others open 24/7). */
    static PromiseKeeping promises(Map<String, BusinessCalendar> calendars) {
        FollowUpSettings settings = new FollowUpSettings(Duration.ofHours(2), Duration.ofHours(2), Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(24),
                Duration.ofDays(2), Duration.ofDays(1), 2, false, LADDER, calendars);
        return new PromiseKeeping(new FollowUpRules(settings), LADDER);
    }

    static PromiseKeeping promises() {
        return promises(Map.of());
    }
}
