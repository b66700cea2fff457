package io.omnirouter.router.routing.channel;

import static io.omnirouter.router.routing.channel.ShippedChannels.NOW;
import static io.omnirouter.router.routing.channel.ShippedChannels.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PhoneCallMappingTest {

    private final RoutingChannelEvents routing = ShippedChannels.routing();

    private static PhoneCallEvent call(CallOutcome outcome, int durationSeconds, String notes) {
        return new PhoneCallEvent(meta("p-1"), " call-1 ", Direction.OUTBOUND, CustomerRef.newBuilder().setPhone("041 123 456").build(),
                outcome, "agent-7", "support", durationSeconds, notes, NOW.plusSeconds(3600));
    }

    /** The kind names the outcome as before ContactEvent v4, when it was the string "CALL_" + outcome. */
    @ParameterizedTest
    @EnumSource(CallOutcome.class)
    void aCallsKindIsCallAndItsOutcome(CallOutcome outcome) {
        ContactEvent contact = routing.route(call(outcome, 0, null)).contact();

        assertThat(contact.getContactKind().name()).isEqualTo("CALL_" + outcome.name());
        assertThat(contact.getCallOutcome()).isEqualTo(outcome.name());
    }

    @Test
    void aCallIsAPhoneContactOfItsCallWithItsOwnFields() {
        ContactEvent contact = routing.route(call(CallOutcome.ANSWERED, 95, "Replacement approved")).contact();

        assertThat(contact.getChannel()).isEqualTo(Channel.PHONE);
        assertThat(contact.getThreadKey()).isEqualTo("phone:call-1");
        assertThat(contact.getChannelRef()).isEqualTo(" call-1 ");
        assertThat(contact.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(contact.getIdentifiers().getPhone()).isEqualTo("+38641123456");
        assertThat(contact.getAgentId()).isEqualTo("agent-7");
        assertThat(contact.getDurationSeconds()).isEqualTo(95);
        assertThat(contact.getCallbackRequestedAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(contact.getText()).isEqualTo("Replacement approved");
        assertThat(contact.getSubject()).isNull();
        assertThat(contact.getDetails()).isEmpty();
    }

    @Test
    void aNegativeDurationIsRejected() {
        assertThatThrownBy(() -> routing.route(call(CallOutcome.ANSWERED, -30, null))).isInstanceOf(RejectedEventException.class)
                .hasMessage("durationSeconds must not be negative, got -30")
                .extracting(e -> ((RejectedEventException) e).rejection()).isEqualTo(Rejection.NEGATIVE_DURATION);
    }

    @Test
    void aNulInTheNotesRejectsTheCall() {
        assertThatThrownBy(() -> routing.route(call(CallOutcome.ANSWERED, 10, "ok\u0000")))
                .hasMessageStartingWith("notes contains U+0000 (NUL) at character 2");
    }

    @Test
    void aBlankCallIdIsRejected() {
        PhoneCallEvent call = call(CallOutcome.MISSED, 0, null);
        call.setCallId("");
        assertThatThrownBy(() -> routing.route(call)).hasMessage("callId is required and must not be blank");
    }
}
