package io.omnirouter.history.followup.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.consent.model.ConsentChange;
import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.contact.model.ChannelDetails;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Contacts of one customer for the follow-up rules, written as the story reads. */
final class Contacts {

    private Contacts() {
    }

    static Builder at(Instant occurredAt) {
        return new Builder(occurredAt);
    }

    static final class Builder {
        private final Instant occurredAt;
        private Channel channel = Channel.EMAIL;
        private Direction direction = Direction.INBOUND;
        private ContactKind kind = ContactKind.EMAIL;
        private String threadKey = "email:root@mail";
        private String agentId;
        private Intent intent = Intent.QUESTION;
        private String queue = "general";
        private String callOutcome;
        private Instant callbackRequestedAt;
        private Instant promisedReplyBy;
        private String chatAuthor;
        private Boolean resolved;
        private Integer rating;
        private final List<ConsentChange> consents = new ArrayList<>();
        private final Map<String, String> facts = new TreeMap<>();

        private Builder(Instant occurredAt) {
            this.occurredAt = occurredAt;
        }

        Builder inboundEmail(String thread) {
            channel = Channel.EMAIL; direction = Direction.INBOUND; kind = ContactKind.EMAIL; threadKey = thread;
            return this;
        }

        Builder outboundEmail(String thread, String agent) {
            channel = Channel.EMAIL; direction = Direction.OUTBOUND; kind = ContactKind.EMAIL; threadKey = thread; agentId = agent;
            return this;
        }

        Builder call(Direction dir, String outcome, String callId, String agent) {
            channel = Channel.PHONE; direction = dir; kind = ContactKind.valueOf("CALL_" + outcome); callOutcome = outcome;
            threadKey = "phone:" + callId; agentId = agent; queue = "phone";
            return this;
        }

        Builder chat(ContactKind kind, String author, String session) {
            channel = Channel.CHAT; this.kind = kind; chatAuthor = author; threadKey = "chat:" + session;
            direction = "CUSTOMER".equals(author) ? Direction.INBOUND : Direction.OUTBOUND;
            return this;
        }

        Builder shop(ContactKind kind, String order) {
            channel = Channel.WEBSHOP; direction = Direction.INBOUND; this.kind = kind; threadKey = "order:" + order;
            intent = Intent.ORDER;
            return this;
        }

        Builder complaint(String inQueue) {
            intent = Intent.COMPLAINT; queue = inQueue;
            return this;
        }

        Builder promising(Instant by) {
            promisedReplyBy = by;
            return this;
        }

        Builder callbackRequestedFor(Instant at) {
            callbackRequestedAt = at;
            return this;
        }

        Builder resolved(boolean value) {
            resolved = value;
            return this;
        }

        Builder rating(int value) {
            rating = value;
            return this;
        }

        /** The customer gives ({@code granted}) or withdraws consent for {@code purpose} with this contact. */
        Builder consent(ConsentPurpose purpose, boolean granted) {
            consents.add(new ConsentChange(purpose, granted));
            return this;
        }

        /** A web-shop CONSENT_CHANGED event, its own thread. */
        Builder consentChanged(String event) {
            channel = Channel.WEBSHOP; direction = Direction.INBOUND; kind = ContactKind.CONSENT_CHANGED; threadKey = "webshop:" + event;
            intent = Intent.OTHER;
            return this;
        }

        /**
         * A social contact on {@code platform} (lower case): a private message ({@code SOCIAL_MESSAGE}) or a public
         * comment ({@code SOCIAL_COMMENT}), from the customer (INBOUND) or an agent's reply (OUTBOUND), in the
         * conversation {@code conversation}; details as channel.social sends them.
         */
        Builder social(ContactKind kind, Direction dir, String platform, String conversation) {
            channel = Channel.SOCIAL; this.kind = kind; direction = dir; threadKey = "social:" + platform + ":" + conversation;
            facts.put("platform", platform.toUpperCase(Locale.ROOT));
            facts.put("visibility", kind == ContactKind.SOCIAL_COMMENT ? "PUBLIC_COMMENT" : "PRIVATE_MESSAGE");
            agentId = dir == Direction.OUTBOUND ? "agent-1" : null;
            return this;
        }

        Builder intent(Intent value) {
            intent = value;
            return this;
        }

        Builder queue(String value) {
            queue = value;
            return this;
        }

        Contact build() {
            UUID id = UUID.nameUUIDFromBytes((occurredAt + kind.name() + threadKey + direction + consents).getBytes());
            return new Contact(id, "evt-" + id, "test", null, channel, direction, kind, occurredAt, occurredAt,
                    List.of(new Identifier(IdentifierType.EMAIL, "ana@example.com")), null, null, threadKey,
                    threadKey, null, null, false, agentId, intent, Priority.NORMAL, queue,
                    new ChannelDetails(null, callOutcome, null, callbackRequestedAt, null, List.of(), promisedReplyBy,
                            chatAuthor, resolved, rating, null, null, null, facts),
                    List.of(), consents);
        }
    }
}
