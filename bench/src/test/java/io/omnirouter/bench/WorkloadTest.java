package io.omnirouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.SocialPlatform;
import io.omnirouter.channel.SocialVisibility;
import io.omnirouter.simulator.ChannelEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void aSocialCustomerKnownOnlyByTheirHandleIsLookedUpByIt() {
        ChannelEvent comment = ChannelEvent.of(social(new CustomerRef()));

        assertThat(Workload.lookupKey(comment)).contains(Map.entry("socialHandle", "instagram:@ana.novak"));
    }

    @Test
    void aWhatsAppCustomerIsLookedUpByTheNumberTheyGave() {
        ChannelEvent message = ChannelEvent.of(social(CustomerRef.newBuilder().setPhone("+38641123456").build()));

        assertThat(Workload.lookupKey(message)).contains(Map.entry("phone", "+38641123456"));
    }

    private static SocialMessageEvent social(CustomerRef customer) {
        return SocialMessageEvent.newBuilder()
                .setMeta(new EventMeta("e-1", Instant.parse("2026-12-03T10:00:00Z"), "bench-test", null))
                .setPlatform(SocialPlatform.INSTAGRAM).setVisibility(SocialVisibility.PUBLIC_COMMENT)
                .setConversationId("post-1").setMessageId("c-1").setDirection(Direction.INBOUND)
                .setCustomerHandle("@ana.novak").setCustomer(customer).setText("Love it!")
                .build();
    }
}
