package io.omnirouter.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.contact.Channel;
import io.omnirouter.schemas.ContractTopic;
import org.junit.jupiter.api.Test;

class SourceKeyTest {

    @Test
    void every_channel_topic_is_named_alike_by_the_history_and_contact_events() {
        for (ContractTopic topic : ContractTopic.channels()) {
            assertThat(SourceKey.ofChannel(Channel.valueOf(topic.name()).name(), "e-1")).isEqualTo(topic.topic() + "/e-1");
        }
        assertThat(SourceKey.ofChannel("SOCIAL", "e-2")).isEqualTo("channel.social/e-2");
        assertThatThrownBy(() -> SourceKey.ofChannel(Channel.OTHER.name(), "e-3")).isInstanceOf(IllegalArgumentException.class);
    }
}
