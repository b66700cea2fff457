package io.omnirouter.router.routing.application;

import static io.omnirouter.router.routing.channel.ShippedChannels.NOW;
import static io.omnirouter.router.routing.channel.ShippedChannels.meta;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.router.routing.application.CallbackThreads.NotedMissedCall;
import io.omnirouter.router.routing.channel.ShippedChannels;
import io.omnirouter.router.routing.model.CallbackLink;
import io.omnirouter.router.routing.model.MissedCall;
import io.omnirouter.router.routing.model.MissedCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Callbacks put in their missed call's thread, as the router routes them batch by batch. */
class CallbackThreadsTest {

    private final RoutingChannelEvents routing = ShippedChannels.routing();
    private final MissedCalls missedCalls = new MissedCalls();
    private final CallbackThreads callbacks = new CallbackThreads(new CallbackLink(Duration.ofHours(24)), missedCalls,
            KeyedHash.fromKeyset(KeyedHash.newKeyset()));

    private ContactEvent call(String callId, Direction direction, CallOutcome outcome, String phone, Instant occurredAt) {
        return routing.route(new PhoneCallEvent(meta("e-" + callId, occurredAt), callId, direction,
                CustomerRef.newBuilder().setPhone(phone).build(), outcome, null, null, 30, null, null)).contact();
    }

    /** Routes the calls as one batch, and commits it: its missed calls become known. */
    private List<ContactEvent> routeBatch(ContactEvent... calls) {
        CallbackThreads.Batch batch = callbacks.batch();
        List<ContactEvent> routed = java.util.Arrays.stream(calls).map(batch::link).toList();
        batch.noted().forEach(missed -> missedCalls.note(missed.phoneKey(), missed.call()));
        return routed;
    }

    /** An answered outbound call, routed in a batch of its own. */
    private ContactEvent callbackAlone(String callId, String phone, Instant occurredAt) {
        return routeBatch(call(callId, Direction.OUTBOUND, CallOutcome.ANSWERED, phone, occurredAt)).get(0);
    }

    @Test
    void anAnsweredOutboundCallToTheSameNumberInAnotherFormatSitsInTheMissedCallsThread() {
        routeBatch(call("missed-1", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(2))));

        ContactEvent callback = callbackAlone("callback-1", "+386 41 123 456", NOW.minus(Duration.ofHours(1)));

        assertThat(callback.getThreadKey()).isEqualTo("phone:missed-1");
        assertThat(callback.getInReplyTo()).isEqualTo("missed-1");
        assertThat(callback.getChannelRef()).as("still the callback's own call").isEqualTo("callback-1");
    }

    @Test
    void aCallbackInTheSameBatchAsItsMissedCallIsLinked() {
        List<ContactEvent> routed = routeBatch(
                call("abandoned-1", Direction.INBOUND, CallOutcome.ABANDONED, "041 123 456", NOW.minus(Duration.ofMinutes(30))),
                call("callback-1", Direction.OUTBOUND, CallOutcome.ANSWERED, "041 123 456", NOW.minus(Duration.ofMinutes(10))));

        assertThat(routed.get(1).getThreadKey()).isEqualTo("phone:abandoned-1");
    }

    @Test
    void anOutboundCallToAnotherNumberKeepsItsOwnThread() {
        routeBatch(call("voicemail-1", Direction.INBOUND, CallOutcome.VOICEMAIL, "041 123 456", NOW.minus(Duration.ofHours(2))));

        ContactEvent other = callbackAlone("callback-1", "041 999 888", NOW.minus(Duration.ofHours(1)));

        assertThat(other.getThreadKey()).isEqualTo("phone:callback-1");
        assertThat(other.getInReplyTo()).isNull();
    }

    @Test
    void anInboundCallOrAnOutboundCallNobodyAnsweredIsNeverLinked() {
        routeBatch(call("missed-1", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(2))));

        List<ContactEvent> routed = routeBatch(
                call("inbound-1", Direction.INBOUND, CallOutcome.ANSWERED, "041 123 456", NOW.minus(Duration.ofHours(1))),
                call("busy-1", Direction.OUTBOUND, CallOutcome.BUSY, "041 123 456", NOW.minus(Duration.ofHours(1))),
                call("failed-1", Direction.OUTBOUND, CallOutcome.FAILED, "041 123 456", NOW.minus(Duration.ofHours(1))));

        assertThat(routed).extracting(ContactEvent::getThreadKey).containsExactly("phone:inbound-1", "phone:busy-1", "phone:failed-1");
        assertThat(routed).extracting(ContactEvent::getInReplyTo).containsOnlyNulls();
    }

    @Test
    void aCallbackLaterThanTheWindowAfterTheMissedCallKeepsItsOwnThread() {
        routeBatch(call("missed-1", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(26))));

        ContactEvent late = callbackAlone("callback-1", "041 123 456", NOW.minus(Duration.ofHours(1)));

        assertThat(late.getThreadKey()).isEqualTo("phone:callback-1");
    }

    @Test
    void everyCallbackLinksToTheLatestMissedCallWhetherOrNotAnEarlierCallbackDid() {
        routeBatch(call("missed-1", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(3))),
                call("missed-2", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(2))));

        List<ContactEvent> routed = routeBatch(
                call("callback-1", Direction.OUTBOUND, CallOutcome.ANSWERED, "041 123 456", NOW.minus(Duration.ofMinutes(50))),
                call("callback-2", Direction.OUTBOUND, CallOutcome.ANSWERED, "041 123 456", NOW.minus(Duration.ofMinutes(40))));

        assertThat(routed).extracting(ContactEvent::getThreadKey).containsExactly("phone:missed-2", "phone:missed-2");
    }

    @Test
    void aMissedCallArrivingLateDoesNotHideALaterOne() {
        routeBatch(call("missed-2", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(2))));
        routeBatch(call("missed-1", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(3))));

        ContactEvent callback = callbackAlone("callback-1", "041 123 456", NOW.minus(Duration.ofHours(1)));

        assertThat(callback.getThreadKey()).isEqualTo("phone:missed-2");
    }

    @Test
    void aMissedCallIsNotedUnderAKeyedHashOfTheNumberNeverTheNumber() {
        CallbackThreads.Batch batch = callbacks.batch();
        batch.link(call("missed-1", Direction.INBOUND, CallOutcome.MISSED, "041 123 456", NOW.minus(Duration.ofHours(2))));

        List<NotedMissedCall> noted = batch.noted();

        assertThat(noted).containsExactly(new NotedMissedCall(callbacks.phoneKey("+38641123456"),
                new MissedCall("missed-1", "phone:missed-1", NOW.minus(Duration.ofHours(2)))));
        assertThat(noted.get(0).phoneKey()).doesNotContain("41123456").hasSize(22);
    }
}
