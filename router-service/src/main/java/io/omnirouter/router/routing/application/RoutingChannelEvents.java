package io.omnirouter.router.routing.application;

import io.omnirouter.channel.EventMeta;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.classification.model.Classification;
import io.omnirouter.router.classification.model.ClassificationInput;
import io.omnirouter.router.classification.model.ContactClassifier;
import io.omnirouter.router.routing.channel.ChannelMapping;
import io.omnirouter.router.routing.channel.ChannelMappings;
import io.omnirouter.router.routing.channel.ContactText;
import io.omnirouter.router.routing.model.ChannelCustomer;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.ContactIds;
import io.omnirouter.router.routing.model.CustomerIdentification;
import io.omnirouter.router.routing.model.CustomerLanguage;
import io.omnirouter.router.routing.model.EventTimePolicy;
import io.omnirouter.router.routing.model.FreeTexts;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.router.routing.model.RoutedContact;
import io.omnirouter.router.routing.model.TextBounds;
import io.omnirouter.schemas.ContractTopic;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * The router's use case: one channel event in, one canonical {@link ContactEvent} out. Validates the
 * envelope, normalizes identifiers, bounds texts, derives the thread, classifies intent, priority and
 * queue. Throws {@link RejectedEventException} for events that break the contract.
 *
 * <p>What differs between channels is the event's {@link ChannelMapping}, found by the event's class; this class does
 * what every channel shares, the same way for each.
 */
public final class RoutingChannelEvents {

    private final ChannelMappings channels;
    private final ChannelIds ids;
    private final CustomerIdentification identification;
    private final EventTimePolicy eventTimes;
    private final TextBounds textBounds;
    private final ContactClassifier classifier;
    private final Clock clock;

    public RoutingChannelEvents(ChannelMappings channels, ChannelIds ids, CustomerIdentification identification,
                                EventTimePolicy eventTimes, TextBounds textBounds, ContactClassifier classifier, Clock clock) {
        this.channels = channels;
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
        return route(channels.of(event).orElseThrow(() -> notAChannelEvent(event)), event);
    }

    private <E extends SpecificRecord> RoutedContact route(ChannelMapping<E> channel, SpecificRecord record) {
        E event = channel.eventClass().cast(record);
        channel.check(event, ids);
        Draft draft = start(metaOf(event), channel.channel(), channel.customer(event));
        ContactKind kind = channel.kind(event);
        draft.builder.setThreadKey(channel.threadKey(event))
                .setChannelRef(channel.channelRef(event))
                .setContactKind(kind)
                // Deprecated since ContactEvent v4, still written for the readers of older versions.
                .setKind(kind.name())
                .setDirection(channel.direction(event));
        channel.describe(event, draft.builder);
        draft.text(channel.text(event));
        return draft.classifyAndBuild(channel.impliedIntent(event));
    }

    private Draft start(EventMeta meta, Channel channel, ChannelCustomer customer) {
        ids.required(meta.getEventId(), "meta.eventId");
        ids.required(meta.getSource(), "meta.source");
        ids.optional(meta.getTenant(), "meta.tenant");
        Instant now = clock.instant();
        eventTimes.check(meta.getOccurredAt(), now);
        CustomerIdentification.Identified identified = identification.identify(customer);
        List<String> warnings = new ArrayList<>(identified.warnings());
        String rawLanguage = customer.ref().getLanguage();
        String language = CustomerLanguage.of(rawLanguage).orElse(null);
        if (language == null && rawLanguage != null && !rawLanguage.isBlank()) {
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
                .setCustomerName(FreeTexts.check(customer.ref().getName(), "customer.name"))
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

        void text(ContactText texts) {
            TextBounds.Bounded boundedSubject = textBounds.subject(texts.subject());
            TextBounds.Bounded boundedText = textBounds.text(texts.text());
            builder.setSubject(boundedSubject.text())
                    .setText(boundedText.text())
                    .setTextTruncated(boundedSubject.truncated() || boundedText.truncated());
            if (boundedSubject.truncated() || boundedText.truncated()) {
                warnings.add("text truncated to the configured limit");
            }
            classifiedText = texts.subject() == null ? boundedText.text() : boundedSubject.text() + "\n" + boundedText.text();
        }

        /** Rating and segment as the mapping set them on the contact. */
        RoutedContact classifyAndBuild(Intent impliedIntent) {
            Classification classification = classifier.classify(new ClassificationInput(channel, builder.getDirection(),
                    impliedIntent, classifiedText, builder.getRating(), builder.getSegment(), builder.getLanguage()));
            ContactEvent contact = builder.setIntent(classification.intent())
                    .setPriority(classification.priority())
                    .setQueue(classification.queue())
                    .setWarnings(List.copyOf(warnings))
                    .build();
            return new RoutedContact(contact, List.copyOf(warnings));
        }
    }

    private static EventMeta metaOf(SpecificRecord event) {
        if (!(event instanceof GenericRecord record)) {
            throw notAChannelEvent(event);
        }
        try {
            return ContractTopic.eventMetaOf(record);
        } catch (IllegalArgumentException notAChannel) {
            throw notAChannelEvent(event);
        }
    }

    private static RejectedEventException notAChannelEvent(SpecificRecord event) {
        return new RejectedEventException(Rejection.NOT_A_CHANNEL_EVENT, event.getSchema().getFullName());
    }
}
