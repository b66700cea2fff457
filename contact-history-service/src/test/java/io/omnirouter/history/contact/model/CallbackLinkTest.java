package io.omnirouter.history.contact.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CallbackLinkTest {

    private static final Instant T0 = Instant.parse("2026-04-14T09:00:00Z");
    private static final CallbackLink LINK = new CallbackLink(Duration.ofHours(1));

    @Test
    void anAnsweredOutboundCallAnswersTheLatestMissedCallWithinTheWindowEdgesIncluded() {
        TimelineEntry older = call(Direction.INBOUND, ContactKind.CALL_MISSED, T0);
        TimelineEntry voicemail = call(Direction.INBOUND, ContactKind.CALL_VOICEMAIL, T0.plusSeconds(60));
        TimelineEntry callback = call(Direction.OUTBOUND, ContactKind.CALL_ANSWERED, T0.plusSeconds(60).plus(Duration.ofHours(1)));
        TimelineEntry justLater = call(Direction.OUTBOUND, ContactKind.CALL_ANSWERED, callback.occurredAt().plusSeconds(1));

        assertThat(LINK.missedCallAnsweredBy(callback, Stream.of(older, voicemail, callback))).contains(voicemail);
        assertThat(LINK.missedCallAnsweredBy(justLater, Stream.of(older, voicemail, callback, justLater))).isEmpty();
    }

    @Test
    void onlyAnsweredOutboundCallsAreCallbacksAndOnlyUnansweredInboundCallsAreAnswered() {
        TimelineEntry missed = call(Direction.INBOUND, ContactKind.CALL_ABANDONED, T0);
        TimelineEntry outboundUnanswered = call(Direction.OUTBOUND, ContactKind.CALL_MISSED, T0.plusSeconds(30));
        TimelineEntry inboundAnswered = call(Direction.INBOUND, ContactKind.CALL_ANSWERED, T0.plusSeconds(60));
        TimelineEntry busy = call(Direction.INBOUND, ContactKind.CALL_BUSY, T0.plusSeconds(90));
        TimelineEntry callback = call(Direction.OUTBOUND, ContactKind.CALL_ANSWERED, T0.plusSeconds(120));
        Stream<TimelineEntry> all = Stream.of(missed, outboundUnanswered, inboundAnswered, busy, callback);

        assertThat(LINK.missedCallAnsweredBy(callback, all)).contains(missed);
        assertThat(LINK.missedCallAnsweredBy(inboundAnswered, Stream.of(missed))).isEmpty();
        assertThat(LINK.missedCallAnsweredBy(outboundUnanswered, Stream.of(missed))).isEmpty();
        // A missed call at the same instant as the call is not before it.
        assertThat(LINK.missedCallAnsweredBy(callback, Stream.of(call(Direction.INBOUND, ContactKind.CALL_MISSED, T0.plusSeconds(120)))))
                .isEmpty();
    }

    @Test
    void theWindowMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CallbackLink(Duration.ZERO)).withMessageContaining("positive");
        assertThatIllegalArgumentException().isThrownBy(() -> new CallbackLink(Duration.ofMinutes(-1)));
    }

    private static TimelineEntry call(Direction direction, ContactKind kind, Instant at) {
        return new TimelineEntry(UUID.randomUUID(), Channel.PHONE, direction, kind, at, "phone:" + UUID.randomUUID(), null, null,
                null, Intent.QUESTION, Priority.NORMAL, "phone", "evt", Map.of(), null);
    }
}
