package io.omnirouter.router.routing.channel;

import io.omnirouter.contact.Channel;
import io.omnirouter.schemas.ContractTopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The router's channels: one {@link ChannelMapping} for each channel topic of the contract, checked when the router
 * starts. A topic without a mapping would have its events dead-lettered as "not a channel event" one by one, and two
 * mappings for one topic would route its events by whichever came first: both are start-up failures naming the topic,
 * as are a mapping of a topic that is no channel, of another schema than its topic's, or of a contact channel another
 * mapping makes already (the channel is part of the contact id, so contacts of two topics could collide).
 */
public final class ChannelMappings {

    private final Map<Class<?>, ChannelMapping<?>> byEventClass = new HashMap<>();
    private final List<ChannelMapping<?>> mappings;

    /** @throws IllegalStateException naming the topic, unless each channel topic has exactly one mapping */
    public ChannelMappings(Collection<? extends ChannelMapping<?>> mappings) {
        this.mappings = List.copyOf(mappings);
        Map<ContractTopic, List<ChannelMapping<?>>> byTopic = new EnumMap<>(ContractTopic.class);
        Map<Channel, ChannelMapping<?>> byChannel = new EnumMap<>(Channel.class);
        for (ChannelMapping<?> mapping : this.mappings) {
            ContractTopic topic = mapping.topic();
            if (!topic.isChannel()) {
                throw new IllegalStateException(name(mapping) + " maps " + topic.topic() + ", which is not a channel topic");
            }
            String expected = topic.valueSchema().getFullName();
            if (!mapping.eventClass().getName().equals(expected)) {
                throw new IllegalStateException(name(mapping) + " maps " + topic.topic() + " as " + mapping.eventClass().getName()
                        + ", but " + topic.topic() + " carries " + expected);
            }
            ChannelMapping<?> sameChannel = byChannel.putIfAbsent(mapping.channel(), mapping);
            if (sameChannel != null && sameChannel.topic() != topic) {
                throw new IllegalStateException(topic.topic() + " and " + sameChannel.topic().topic() + " are both mapped to"
                        + " contacts of channel " + mapping.channel() + " (" + name(mapping) + ", " + name(sameChannel)
                        + "): their contact ids could collide");
            }
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(mapping);
            byEventClass.put(mapping.eventClass(), mapping);
        }
        for (ContractTopic channel : ContractTopic.channels()) {
            List<ChannelMapping<?>> found = byTopic.getOrDefault(channel, List.of());
            if (found.isEmpty()) {
                throw new IllegalStateException(channel.topic() + " has no ChannelMapping: every channel topic of the contract"
                        + " needs exactly one in " + ChannelMapping.class.getPackageName() + " (docs/channels.md)");
            }
            if (found.size() > 1) {
                throw new IllegalStateException(channel.topic() + " has " + found.size() + " ChannelMappings ("
                        + found.stream().map(ChannelMappings::name).collect(Collectors.joining(", "))
                        + "): exactly one must map a channel topic");
            }
        }
    }

    /** The mapping of the event's type; empty for an event of no channel. */
    public Optional<ChannelMapping<?>> of(SpecificRecord event) {
        return Optional.ofNullable(byEventClass.get(event.getClass()));
    }

    /** Every mapping, one per channel topic. */
    public List<ChannelMapping<?>> all() {
        return mappings;
    }

    private static String name(ChannelMapping<?> mapping) {
        return mapping.getClass().getSimpleName();
    }
}
