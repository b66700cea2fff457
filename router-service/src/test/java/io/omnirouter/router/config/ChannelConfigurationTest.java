package io.omnirouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.router.routing.channel.ChannelMapping;
import io.omnirouter.router.routing.channel.ChannelMappings;
import io.omnirouter.router.routing.channel.ShippedChannels;
import io.omnirouter.schemas.ContractTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The router's start-up collects its channel mappings and refuses to start unless each channel topic has exactly one. */
class ChannelConfigurationTest {

    private final ApplicationContextRunner router = new ApplicationContextRunner().withUserConfiguration(ChannelConfiguration.class);

    @Test
    void theRouterStartsWithOneMappingForEachChannelTopic() {
        router.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ChannelMappings.class).all().stream().map(ChannelMapping::topic))
                    .containsExactlyInAnyOrder(ContractTopic.channels());
        });
    }

    @Test
    void aSecondMappingOfAChannelTopicFailsTheStartUpNamingTheTopic() {
        ChannelMapping<?> phone = ShippedChannels.found().stream().filter(m -> m.topic() == ContractTopic.PHONE).findFirst().orElseThrow();

        router.withBean("anotherPhoneMapping", ChannelMapping.class, () -> phone).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("channel.phone has 2 ChannelMappings (PhoneCallMapping, PhoneCallMapping)");
        });
    }
}
