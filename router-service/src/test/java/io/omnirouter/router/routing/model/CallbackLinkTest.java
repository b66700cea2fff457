package io.omnirouter.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallbackLinkTest {

    private static final Instant CALLBACK_AT = Instant.parse("2026-11-23T10:00:00Z");
    private final CallbackLink link = new CallbackLink(Duration.ofHours(24));

    private static Optional<MissedCall> missedAt(Instant occurredAt) {
        return Optional.of(new MissedCall("call-1", "phone:call-1", occurredAt));
    }

    @Test
    void aCallbackAnswersTheLatestMissedCallThatHappenedBeforeItWithinTheWindow() {
        Optional<MissedCall> missed = missedAt(CALLBACK_AT.minus(Duration.ofMinutes(20)));

        assertThat(link.missedCallAnsweredBy(CALLBACK_AT, missed)).isEqualTo(missed);
    }

    @Test
    void aMissedCallExactlyTheWindowBeforeTheCallbackIsStillAnswered() {
        Optional<MissedCall> missed = missedAt(CALLBACK_AT.minus(Duration.ofHours(24)));

        assertThat(link.missedCallAnsweredBy(CALLBACK_AT, missed)).isEqualTo(missed);
    }

    @Test
    void aMissedCallLongerThanTheWindowBeforeTheCallbackIsNotAnswered() {
        assertThat(link.missedCallAnsweredBy(CALLBACK_AT, missedAt(CALLBACK_AT.minus(Duration.ofHours(24)).minusMillis(1)))).isEmpty();
    }

    @Test
    void aMissedCallAfterTheCallbackOrAtTheSameMomentIsNotAnswered() {
        assertThat(link.missedCallAnsweredBy(CALLBACK_AT, missedAt(CALLBACK_AT.plusSeconds(1)))).isEmpty();
        assertThat(link.missedCallAnsweredBy(CALLBACK_AT, missedAt(CALLBACK_AT))).isEmpty();
    }

    @Test
    void withoutAMissedCallThereIsNothingToAnswer() {
        assertThat(link.missedCallAnsweredBy(CALLBACK_AT, Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ContactKind.class, names = {"CALL_MISSED", "CALL_ABANDONED", "CALL_VOICEMAIL"})
    void anUnansweredInboundCallPromisesACallback(ContactKind kind) {
        assertThat(CallbackLink.isMissedCall(Channel.PHONE, Direction.INBOUND, kind)).isTrue();
        assertThat(CallbackLink.isMissedCall(Channel.PHONE, Direction.OUTBOUND, kind)).as("an outbound call").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ContactKind.class, names = {"CALL_ANSWERED", "CALL_BUSY", "CALL_FAILED", "EMAIL"})
    void anAnsweredBusyOrFailedInboundCallPromisesNoCallback(ContactKind kind) {
        assertThat(CallbackLink.isMissedCall(Channel.PHONE, Direction.INBOUND, kind)).isFalse();
    }

    @Test
    void onlyAnAnsweredOutboundCallCanBeACallback() {
        assertThat(CallbackLink.isAnsweredOutboundCall(Channel.PHONE, Direction.OUTBOUND, ContactKind.CALL_ANSWERED)).isTrue();
        assertThat(CallbackLink.isAnsweredOutboundCall(Channel.PHONE, Direction.INBOUND, ContactKind.CALL_ANSWERED)).isFalse();
        assertThat(CallbackLink.isAnsweredOutboundCall(Channel.PHONE, Direction.OUTBOUND, ContactKind.CALL_BUSY)).isFalse();
        assertThat(CallbackLink.isAnsweredOutboundCall(Channel.PHONE, Direction.OUTBOUND, ContactKind.CALL_FAILED)).isFalse();
        assertThat(CallbackLink.isAnsweredOutboundCall(Channel.EMAIL, Direction.OUTBOUND, ContactKind.EMAIL)).isFalse();
    }

    @Test
    void theWindowMustBePositive() {
        assertThatThrownBy(() -> new CallbackLink(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallbackLink(Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
