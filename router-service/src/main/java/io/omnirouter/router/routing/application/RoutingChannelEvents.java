package io.omnirouter.router.routing.application;

import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.classification.model.Classification;
import io.omnirouter.router.classification.model.ClassificationInput;
import io.omnirouter.router.classification.model.ContactClassifier;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.FreeTexts;
import io.omnirouter.router.routing.model.ContactIds;
import io.omnirouter.router.routing.model.CustomerIdentification;
import io.omnirouter.router.routing.model.CustomerLanguage;
import io.omnirouter.router.routing.model.EventTimePolicy;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.router.routing.model.RoutedContact;
import io.omnirouter.router.routing.model.TextBounds;
import io.omnirouter.router.routing.model.ThreadKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The router's use case: one channel event in, one canonical {@link ContactEvent} out. Validates the
 * envelope, normalizes identifiers, bounds texts, derives the thread, classifies intent, priority and
 * queue. Throws {@link RejectedEventException} for events that break the contract.
 */
public final class RoutingChannelEvents {

    private final ChannelIds ids;
    private final CustomerIdentification identification;
    private final EventTimePolicy eventTimes;
    private final TextBounds textBounds;
    private final ContactClassifier classifier;
    private final Clock clock;

    public RoutingChannelEvents(ChannelIds ids, CustomerIdentification identification, EventTimePolicy eventTimes,
                                TextBounds textBounds, ContactClassifier classifier, Clock clock) {
        this.ids = ids;
        this.identification = identification;
        this.eventTimes = eventTimes;
        this.textBounds = textBounds;
        this.classifier = classifier;
        this.clock = clock;
    }

    /** The eventId the de-duplication works on, for any channel event. */
    public static String eventIdOf(SpecificRecord event) {
        return metaOf(event).getEventId();
    }

    public RoutedContact route(SpecificRecord event) {
        if (event instanceof PhoneCallEvent call) {
            return phone(call);
        } else if (event instanceof EmailEvent email) {
            return email(email);
        } else if (event instanceof ChatEvent chat) {
            return chat(chat);
        } else if (event instanceof WebShopEvent shop) {
            return webShop(shop);
        }
        throw notAChannelEvent(event);
    }

    private RoutedContact phone(PhoneCallEvent call) {
        ids.required(call.getCallId(), "callId");
        ids.optional(call.getAgentId(), "agentId");
        Draft draft = start(call.getMeta(), Channel.PHONE, call.getCustomer());
        draft.builder.setDirection(call.getDirection())
                .setKind("CALL_" + call.getOutcome())
                .setThreadKey(ThreadKeys.phone(call.getCallId()))
                .setChannelRef(call.getCallId())
                .setAgentId(call.getAgentId())
                .setCallOutcome(call.getOutcome().name())
                .setDurationSeconds(call.getDurationSeconds())
                .setCallbackRequestedAt(call.getCallbackRequestedAt());
        FreeTexts.check(call.getNotes(), "notes");
        if (call.getDurationSeconds() < 0) {
            throw new RejectedEventException(Rejection.NEGATIVE_DURATION, call.getDurationSeconds());
        }
        draft.text(null, call.getNotes());
        return draft.classifyAndBuild(null, null, null);
    }

    private RoutedContact email(EmailEvent email) {
        ids.required(email.getMessageId(), "messageId");
        ids.optional(email.getInReplyTo(), "inReplyTo");
        ids.each(email.getReferences(), "references");
        ids.optional(email.getAgentId(), "agentId");
        Draft draft = start(email.getMeta(), Channel.EMAIL, email.getCustomer());
        draft.builder.setDirection(email.getDirection())
                .setKind("EMAIL")
                .setThreadKey(ThreadKeys.email(email.getMessageId(), email.getInReplyTo(), email.getReferences()))
                .setChannelRef(email.getMessageId())
                .setAgentId(email.getAgentId())
                .setInReplyTo(email.getInReplyTo())
                .setAttachmentNames(FreeTexts.each(email.getAttachmentNames(), "attachmentNames"))
                .setPromisedReplyBy(email.getPromisedReplyBy());
        draft.text(FreeTexts.check(email.getSubject(), "subject"), FreeTexts.check(email.getBodyText(), "bodyText"));
        return draft.classifyAndBuild(null, null, null);
    }

    private RoutedContact chat(ChatEvent chat) {
        ids.required(chat.getSessionId(), "sessionId");
        ids.optional(chat.getAgentId(), "agentId");
        Integer rating = rating(chat.getSatisfaction(), "satisfaction");
        Draft draft = start(chat.getMeta(), Channel.CHAT, chat.getCustomer());
        draft.builder.setDirection(switch (chat.getAuthor()) {
                    case CUSTOMER -> Direction.INBOUND;
                    case AGENT, BOT, SYSTEM -> Direction.OUTBOUND;
                })
                .setKind("CHAT_" + chat.getKind())
                .setThreadKey(ThreadKeys.chat(chat.getSessionId()))
                .setChannelRef(chat.getSessionId())
                .setAgentId(chat.getAgentId())
                .setChatAuthor(chat.getAuthor().name())
                .setResolved(chat.getResolved())
                .setRating(rating);
        draft.text(null, FreeTexts.check(chat.getText(), "text"));
        Intent kindIntent = rating != null ? Intent.FEEDBACK : null;
        return draft.classifyAndBuild(kindIntent, rating, null);
    }

    private RoutedContact webShop(WebShopEvent shop) {
        Integer rating = rating(shop.getRating(), "rating");
        ids.optional(shop.getOrderId(), "orderId");
        Draft draft = start(shop.getMeta(), Channel.WEBSHOP, shop.getCustomer());
        String eventId = shop.getMeta().getEventId();
        draft.builder.setDirection(Direction.INBOUND)
                .setKind(shop.getKind().name())
                .setThreadKey(ThreadKeys.webShop(shop.getOrderId(), eventId))
                .setChannelRef(shop.getOrderId() == null || shop.getOrderId().isBlank() ? eventId : shop.getOrderId())
                .setSegment(shop.getSegment().name())
                .setOrderId(shop.getOrderId())
                .setAmountMinor(shop.getAmountMinor())
                .setCurrency(FreeTexts.check(shop.getCurrency(), "currency"))
                .setRating(rating)
                // Any kind may carry consents; CONSENT_CHANGED is the event whose point they are.
                .setConsents(List.copyOf(shop.getConsents()));
        draft.text(null, FreeTexts.check(shop.getText(), "text"));
        Intent kindIntent = switch (shop.getKind()) {
            case ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED, RETURN_REQUESTED,
                 CART_ABANDONED -> Intent.ORDER;
            case REVIEW_SUBMITTED -> Intent.FEEDBACK;
            case CONTACT_FORM, CONSENT_CHANGED -> null;
        };
        return draft.classifyAndBuild(kindIntent, rating, shop.getSegment().name());
    }

    private Draft start(EventMeta meta, Channel channel, io.omnirouter.channel.CustomerRef customer) {
        ids.required(meta.getEventId(), "meta.eventId");
        ids.required(meta.getSource(), "meta.source");
        ids.optional(meta.getTenant(), "meta.tenant");
        Instant now = clock.instant();
        eventTimes.check(meta.getOccurredAt(), now);
        CustomerIdentification.Identified identified = identification.identify(customer);
        List<String> warnings = new ArrayList<>(identified.warnings());
        String language = CustomerLanguage.of(customer.getLanguage()).orElse(null);
        if (language == null && customer.getLanguage() != null && !customer.getLanguage().isBlank()) {
            warnings.add(CustomerLanguage.NOT_BCP_47);
        }
        ContactEvent.Builder builder = ContactEvent.newBuilder()
                .setContactId(ContactIds.of(channel, meta.getEventId()))
                .setSourceEventId(meta.getEventId())
                .setSource(meta.getSource())
                .setTenant(meta.getTenant())
                .setChannel(channel)
                .setOccurredAt(meta.getOccurredAt())
                .setRoutedAt(now)
                .setIdentifiers(identified.identifiers())
                .setCustomerName(FreeTexts.check(customer.getName(), "customer.name"))
                .setLanguage(language);
        return new Draft(builder, channel, warnings);
    }

    /** A contact under construction: the builder plus what classification needs. */
    private final class Draft {
        private final ContactEvent.Builder builder;
        private final Channel channel;
        private final List<String> warnings;
        private String classifiedText;

        private Draft(ContactEvent.Builder builder, Channel channel, List<String> warnings) {
            this.builder = builder;
            this.channel = channel;
            this.warnings = warnings;
        }

        void text(String subject, String text) {
            TextBounds.Bounded boundedSubject = textBounds.subject(subject);
            TextBounds.Bounded boundedText = textBounds.text(text);
            builder.setSubject(boundedSubject.text())
                    .setText(boundedText.text())
                    .setTextTruncated(boundedSubject.truncated() || boundedText.truncated());
            if (boundedSubject.truncated() || boundedText.truncated()) {
                warnings.add("text truncated to the configured limit");
            }
            classifiedText = subject == null ? boundedText.text() : boundedSubject.text() + "\n" + boundedText.text();
        }

        RoutedContact classifyAndBuild(Intent kindIntent, Integer rating, String segment) {
            Classification classification = classifier.classify(new ClassificationInput(
                    channel, builder.getDirection(), kindIntent, classifiedText, rating, segment, builder.getLanguage()));
            ContactEvent contact = builder.setIntent(classification.intent())
                    .setPriority(classification.priority())
                    .setQueue(classification.queue())
                    .setWarnings(List.copyOf(warnings))
                    .build();
            return new RoutedContact(contact, List.copyOf(warnings));
        }
    }

    private static EventMeta metaOf(SpecificRecord event) {
        if (event instanceof PhoneCallEvent call) {
            return call.getMeta();
        } else if (event instanceof EmailEvent email) {
            return email.getMeta();
        } else if (event instanceof ChatEvent chat) {
            return chat.getMeta();
        } else if (event instanceof WebShopEvent shop) {
            return shop.getMeta();
        }
        throw notAChannelEvent(event);
    }

    private static RejectedEventException notAChannelEvent(SpecificRecord event) {
        return new RejectedEventException(Rejection.NOT_A_CHANNEL_EVENT, event.getSchema().getFullName());
    }

    private static Integer rating(Integer rating, String field) {
        if (rating != null && (rating < 1 || rating > 5)) {
            throw new RejectedEventException(Rejection.RATING_OUT_OF_RANGE, field, rating);
        }
        return rating;
    }
}
