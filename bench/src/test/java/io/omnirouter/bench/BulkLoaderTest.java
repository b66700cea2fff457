package io.omnirouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import io.omnirouter.contact.Channel;
import io.omnirouter.schemas.ContractTopic;
import org.junit.jupiter.api.Test;

class BulkLoaderTest {

    @Test
    void background_contacts_come_through_every_channel_as_often_as_the_simulated_traffic() {
        List<Channel> mix = BulkLoader.channelMix(7);

        assertThat(mix).containsOnly(
                Arrays.stream(ContractTopic.channels()).map(topic -> Channel.valueOf(topic.name())).toArray(Channel[]::new));
        long social = mix.stream().filter(channel -> channel == Channel.SOCIAL).count();
        assertThat((double) social / mix.size()).isBetween(0.07, 0.15);
        assertThat(BulkLoader.channelMix(7)).isEqualTo(mix);
    }
}
