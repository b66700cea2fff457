package io.omnirouter.router.routing.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.EmailEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.schemas.ContractTopic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up check of the router's channels: exactly one mapping for each channel topic of the contract. */
class ChannelMappingsTest {

    private final List<ChannelMapping<?>> shipped = ShippedChannels.found();

    @Test
    void everyChannelTopicOfTheContractHasExactlyOneShippedMapping() {
        ChannelMappings mappings = new ChannelMappings(shipped);

        assertThat(mappings.all().stream().map(ChannelMapping::topic)).containsExactlyInAnyOrder(ContractTopic.channels());
        assertThat(mappings.all().stream().map(ChannelMapping::channel)).doesNotHaveDuplicates().doesNotContain(Channel.OTHER);
        for (ChannelMapping<?> mapping : mappings.all()) {
            assertThat(mapping.eventClass().getName()).as(mapping.topic().topic())
                    .isEqualTo(mapping.topic().valueSchema().getFullName());
        }
    }

    @Test
    void aChannelTopicWithoutAMappingFailsNamingTheTopic() {
        List<ChannelMapping<?>> withoutSocial = shipped.stream().filter(m -> m.topic() != ContractTopic.SOCIAL).toList();

        assertThatThrownBy(() -> new ChannelMappings(withoutSocial)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("channel.social has no ChannelMapping")
                .hasMessageContaining("io.omnirouter.router.routing.channel");
    }

    @Test
    void aChannelTopicWithTwoMappingsFailsNamingTheTopicAndBoth() {
        List<ChannelMapping<?>> twice = new ArrayList<>(shipped);
        twice.add(mappingOf(ContractTopic.EMAIL));

        assertThatThrownBy(() -> new ChannelMappings(twice)).isInstanceOf(IllegalStateException.class)
                .hasMessage("channel.email has 2 ChannelMappings (EmailMapping, EmailMapping): exactly one must map a channel topic");
    }

    @Test
    void aMappingOfATopicThatIsNoChannelFails() {
        List<ChannelMapping<?>> mappings = new ArrayList<>(shipped);
        mappings.add(changed(mappingOf(ContractTopic.EMAIL), "topic", ContractTopic.CONTACT_EVENTS));

        assertThatThrownBy(() -> new ChannelMappings(mappings)).hasMessageEndingWith("maps contact.events, which is not a channel topic");
    }

    @Test
    void aMappingOfAnotherSchemaThanItsTopicsFails() {
        List<ChannelMapping<?>> mappings = shipped.stream().filter(m -> m.topic() != ContractTopic.CHAT)
                .map(m -> m.topic() == ContractTopic.EMAIL ? changed(m, "topic", ContractTopic.CHAT) : m).toList();

        assertThatThrownBy(() -> new ChannelMappings(mappings))
                .hasMessageEndingWith("maps channel.chat as " + EmailEvent.class.getName() + ", but channel.chat carries io.omnirouter.channel.ChatEvent");
    }

    /** The channel is part of the contact id: two topics making contacts of one channel could collide. */
    @Test
    void twoTopicsMappedToContactsOfOneChannelFail() {
        List<ChannelMapping<?>> mappings = shipped.stream()
                .map(m -> m.topic() == ContractTopic.SOCIAL ? changed(m, "channel", Channel.CHAT) : m).toList();

        assertThatThrownBy(() -> new ChannelMappings(mappings)).hasMessageContaining("channel.social")
                .hasMessageContaining("channel.chat").hasMessageContaining("are both mapped to contacts of channel CHAT");
    }

    @Test
    void anEventFindsTheMappingOfItsClass() {
        ChannelMappings mappings = new ChannelMappings(shipped);
        assertThat(mappings.of(new EmailEvent())).get().extracting(ChannelMapping::topic).isEqualTo(ContractTopic.EMAIL);
        assertThat(mappings.of(new io.omnirouter.contact.CustomerIdentifiers())).isEmpty();
    }

    private ChannelMapping<?> mappingOf(ContractTopic topic) {
        return ShippedChannels.found().stream().filter(m -> m.topic() == topic).findFirst().orElseThrow();
    }

    /**
     * {@code mapping} with one method answering otherwise: a proxy, because a test class of this package implementing
     * the interface would be found by the router's scan (see {@link ShippedChannels}).
     */
    static ChannelMapping<?> changed(ChannelMapping<?> mapping, String method, Object answer) {
        return (ChannelMapping<?>) Proxy.newProxyInstance(ChannelMapping.class.getClassLoader(), new Class<?>[] {ChannelMapping.class},
                (proxy, called, arguments) -> {
                    if (called.getName().equals(method)) {
                        return answer;
                    }
                    try {
                        return called.invoke(mapping, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
