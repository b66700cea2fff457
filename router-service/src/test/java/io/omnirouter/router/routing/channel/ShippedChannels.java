package io.omnirouter.router.routing.channel;

import io.omnirouter.channel.EventMeta;
import io.omnirouter.contact.Intent;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.router.classification.model.ContactClassifier;
import io.omnirouter.router.classification.model.IntentClassifier;
import io.omnirouter.router.classification.model.PriorityPolicy;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.CustomerIdentification;
import io.omnirouter.router.routing.model.EventTimePolicy;
import io.omnirouter.router.routing.model.TextBounds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The router's channels for unit tests: every {@link ChannelMapping} of the package, found as the router's start-up
 * finds them ({@code config.ChannelConfiguration}), and the use case over them with small limits and a fixed clock.
 *
 * <p>No test class of this package may implement {@link ChannelMapping}: the router's scan would find it on the test
 * class path and refuse to start with two mappings of a topic. Tests make odd mappings as proxies instead.
 */
public final class ShippedChannels {

    public static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** The longest id {@link #routing()} accepts. */
    public static final int MAX_ID_CHARS = 30;

    private ShippedChannels() {
    }

    public static ChannelMappings mappings() {
        return new ChannelMappings(found());
    }

    /** The mappings of the package, each made as Spring makes it, by its no-argument constructor. */
    public static List<ChannelMapping<?>> found() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AssignableTypeFilter(ChannelMapping.class));
        return scan.findCandidateComponents(ChannelMapping.class.getPackageName()).stream()
                .map(BeanDefinition::getBeanClassName)
                .<ChannelMapping<?>>map(name -> (ChannelMapping<?>) BeanUtils.instantiateClass(
                        ClassUtils.resolveClassName(name, ShippedChannels.class.getClassLoader())))
                .toList();
    }

    /** Ids up to {@value #MAX_ID_CHARS} characters, a subject up to 40, a text up to 60; "complain" is a complaint. */
    public static RoutingChannelEvents routing() {
        return new RoutingChannelEvents(
                mappings(),
                new ChannelIds(MAX_ID_CHARS),
                new CustomerIdentification(new IdentifierNormalizer("SI")),
                new EventTimePolicy(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofHours(1)),
                new TextBounds(40, 60, " …[cut]"),
                new ContactClassifier(new IntentClassifier(Map.of(Intent.COMPLAINT, List.of("complain"))),
                        new PriorityPolicy(Map.of(), 2, true, List.of()), List.of(), "general"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public static EventMeta meta(String eventId) {
        return meta(eventId, NOW);
    }

    public static EventMeta meta(String eventId, Instant occurredAt) {
        return new EventMeta(eventId, occurredAt, "test-adapter", null);
    }
}
