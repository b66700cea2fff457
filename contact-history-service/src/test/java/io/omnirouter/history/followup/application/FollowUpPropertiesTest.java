package io.omnirouter.history.followup.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.history.followup.model.FollowUpSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class FollowUpPropertiesTest {

    private static FollowUpProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("omnirouter.history.followup", FollowUpProperties.class);
    }

    @Test
    void defaultsAreTheSpecs() {
        FollowUpSettings settings = bind(Map.of()).toSettings();
        assertThat(settings.emailReply()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.chatReply()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.socialMessageReply()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.publicCommentReply()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.callback()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.survey()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.thankYou()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.lowRatingThreshold()).isEqualTo(2);
        assertThat(settings.anyChannelReplyCounts()).isFalse();
        assertThat(settings.escalation().top()).isEqualTo(2);
        assertThat(settings.escalation().queueOf(1)).isEqualTo("second-line");
        assertThat(settings.escalation().queueOf(2)).isEqualTo("supervisors");
        assertThat(settings.escalation().reachedAt(Instant.EPOCH, 2)).isEqualTo(Instant.EPOCH.plus(Duration.ofHours(4)));
    }

    @Test
    void everyNumberIsConfigurableIncludingCalendarsPerQueue() {
        FollowUpProperties properties = bind(Map.of(
                "omnirouter.history.followup.due.email-reply", "4h",
                "omnirouter.history.followup.due.public-comment-reply", "10m",
                "omnirouter.history.followup.escalation[0].overdue-by", "30m",
                "omnirouter.history.followup.escalation[0].queue", "team-leads",
                "omnirouter.history.followup.calendars.complaints.zone", "Europe/Ljubljana",
                "omnirouter.history.followup.calendars.complaints.hours.MONDAY", "08:00-16:00"));
        FollowUpSettings settings = properties.toSettings();
        assertThat(settings.emailReply()).isEqualTo(Duration.ofHours(4));
        assertThat(settings.publicCommentReply()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.escalation().top()).isEqualTo(1);
        assertThat(settings.escalation().queueOf(1)).isEqualTo("team-leads");
        // Monday 2026-11-23 15:00 in Ljubljana (14:00 UTC) + 2 h working time = next Monday 09:00 local.
        assertThat(settings.calendarOf("complaints").addWorkingTime(Instant.parse("2026-11-23T14:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(settings.calendarOf("general").addWorkingTime(Instant.EPOCH, Duration.ofHours(2)))
                .isEqualTo(Instant.EPOCH.plus(Duration.ofHours(2)));
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> bind(Map.of("omnirouter.history.followup.calendars.x.zone", "Mars/Olympus",
                "omnirouter.history.followup.calendars.x.hours.MONDAY", "08:00-16:00")).toSettings())
                .hasMessageContaining("omnirouter.history.followup.calendars.x");
        assertThatThrownBy(() -> bind(Map.of("omnirouter.history.followup.calendars.x.zone", "UTC",
                "omnirouter.history.followup.calendars.x.hours.MONDAY", "16:00-08:00")).toSettings())
                .hasMessageContaining("omnirouter.history.followup.calendars.x");
        assertThatThrownBy(() -> bind(Map.of(
                "omnirouter.history.followup.escalation[0].overdue-by", "4h", "omnirouter.history.followup.escalation[0].queue", "a",
                "omnirouter.history.followup.escalation[1].overdue-by", "1h", "omnirouter.history.followup.escalation[1].queue", "b"))
                .toSettings()).hasMessageContaining("omnirouter.history.followup.escalation");
        assertThatThrownBy(() -> bind(Map.of("omnirouter.history.followup.due.callback", "0s")))
                .hasStackTraceContaining("omnirouter.history.followup.due.callback must be positive");
        assertThatThrownBy(() -> bind(Map.of("omnirouter.history.followup.due.social-message-reply", "-1m")))
                .hasStackTraceContaining("omnirouter.history.followup.due.social-message-reply must be positive");
        assertThatThrownBy(() -> bind(Map.of("omnirouter.history.followup.due.public-comment-reply", "0s")))
                .hasStackTraceContaining("omnirouter.history.followup.due.public-comment-reply must be positive");
    }
}
