package io.omnirouter.history.presence.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ViewersTest {

    private static final UUID CUSTOMER = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    @Test
    void eachAgentOnceWithTheirLatestHeartbeatByName() {
        Viewers viewers = Viewers.of(CUSTOMER, List.of(new Viewer("zoe", T0), new Viewer("ana", T0.plusSeconds(5)),
                // zoe was counted under a customer merged into this one too, later
                new Viewer("zoe", T0.plusSeconds(9)), new Viewer("ana", T0)));

        assertThat(viewers.customerId()).isEqualTo(CUSTOMER);
        assertThat(viewers.viewers()).containsExactly(new Viewer("ana", T0.plusSeconds(5)), new Viewer("zoe", T0.plusSeconds(9)));
    }

    @Test
    void aHeartbeatAnswersTheOthers() {
        Viewers viewers = Viewers.of(CUSTOMER, List.of(new Viewer("me", T0), new Viewer("you", T0)));

        assertThat(viewers.except("me").viewers()).extracting(Viewer::agentId).containsExactly("you");
        assertThat(viewers.except("nobody").viewers()).hasSize(2);
        assertThat(Viewers.of(CUSTOMER, List.of(new Viewer("me", T0))).except("me").viewers()).isEmpty();
    }
}
