package io.omnirouter.router.routing.channel;

import io.omnirouter.channel.Direction;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.model.ChannelCustomer;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.FreeTexts;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.router.routing.model.ThreadKeys;
import io.omnirouter.schemas.ContractTopic;

/** channel.phone: a call that ended, threaded by its call id, its kind {@code CALL_<outcome>}. */
final class PhoneCallMapping implements ChannelMapping<PhoneCallEvent> {

    @Override
    public ContractTopic topic() {
        return ContractTopic.PHONE;
    }

    @Override
    public Class<PhoneCallEvent> eventClass() {
        return PhoneCallEvent.class;
    }

    @Override
    public Channel channel() {
        return Channel.PHONE;
    }

    @Override
    public void check(PhoneCallEvent call, ChannelIds ids) {
        ids.required(call.getCallId(), "callId");
        ids.optional(call.getAgentId(), "agentId");
        if (call.getDurationSeconds() < 0) {
            throw new RejectedEventException(Rejection.NEGATIVE_DURATION, call.getDurationSeconds());
        }
    }

    @Override
    public ChannelCustomer customer(PhoneCallEvent call) {
        return ChannelCustomer.of(call.getCustomer());
    }

    @Override
    public String threadKey(PhoneCallEvent call) {
        return ThreadKeys.phone(call.getCallId());
    }

    @Override
    public String channelRef(PhoneCallEvent call) {
        return call.getCallId();
    }

    @Override
    public ContactKind kind(PhoneCallEvent call) {
        return switch (call.getOutcome()) {
            case ANSWERED -> ContactKind.CALL_ANSWERED;
            case MISSED -> ContactKind.CALL_MISSED;
            case ABANDONED -> ContactKind.CALL_ABANDONED;
            case VOICEMAIL -> ContactKind.CALL_VOICEMAIL;
            case BUSY -> ContactKind.CALL_BUSY;
            case FAILED -> ContactKind.CALL_FAILED;
        };
    }

    @Override
    public Direction direction(PhoneCallEvent call) {
        return call.getDirection();
    }

    @Override
    public void describe(PhoneCallEvent call, ContactEvent.Builder contact) {
        contact.setAgentId(call.getAgentId())
                .setCallOutcome(call.getOutcome().name())
                .setDurationSeconds(call.getDurationSeconds())
                .setCallbackRequestedAt(call.getCallbackRequestedAt());
    }

    @Override
    public ContactText text(PhoneCallEvent call) {
        return ContactText.of(FreeTexts.check(call.getNotes(), "notes"));
    }

    @Override
    public Intent impliedIntent(PhoneCallEvent call) {
        return null;
    }
}
