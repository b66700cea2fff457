package io.omnirouter.router.config;

import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.router.classification.model.ContactClassifier;
import io.omnirouter.router.classification.model.IntentClassifier;
import io.omnirouter.router.classification.model.PriorityPolicy;
import io.omnirouter.router.classification.model.QueueRule;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import io.omnirouter.router.routing.channel.ChannelMappings;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.CustomerIdentification;
import io.omnirouter.router.routing.model.EventTimePolicy;
import io.omnirouter.router.routing.model.TextBounds;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pure routing model from {@link RouterProperties}. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdentifierNormalizer identifierNormalizer(RouterProperties properties) {
        try {
            return new IdentifierNormalizer(properties.defaultPhoneRegion());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("omnirouter.router.default-phone-region: " + e.getMessage(), e);
        }
    }

    @Bean
    ContactClassifier contactClassifier(RouterProperties properties) {
        RouterProperties.Classification c = properties.classification();
        return new ContactClassifier(
                new IntentClassifier(c.keywords()),
                new PriorityPolicy(c.priorityByIntent(), c.lowRatingThreshold(), c.raiseForB2b(), c.urgentKeywords()),
                c.queueRules().stream()
                        .map(r -> new QueueRule(r.channel(), r.intent(), r.segment(), r.language(), r.queue()))
                        .toList(),
                c.defaultQueue());
    }

    @Bean
    RoutingChannelEvents routingChannelEvents(ChannelMappings channels, RouterProperties properties,
                                              IdentifierNormalizer normalizer, ContactClassifier classifier, Clock clock) {
        RouterProperties.Validation v = properties.validation();
        return new RoutingChannelEvents(
                channels,
                new ChannelIds(v.maxIdChars()),
                new CustomerIdentification(normalizer),
                new EventTimePolicy(v.earliestOccurredAt(), v.maxFutureSkew()),
                new TextBounds(v.maxSubjectChars(), v.maxTextChars(), v.truncationMarker()),
                classifier,
                clock);
    }

    @Bean
    ConfluentAvroDeserializer<SpecificRecord> channelEventDeserializer(SchemaRegistryClient registry) {
        return new ConfluentAvroDeserializer<>(registry, true);
    }

    @Bean
    ConfluentAvroSerializer<SpecificRecord> contactEventSerializer(SchemaRegistryClient registry) {
        // The router registered contact.events' schema at start-up; auto-registration would do the same.
        return new ConfluentAvroSerializer<>(registry, true);
    }
}
