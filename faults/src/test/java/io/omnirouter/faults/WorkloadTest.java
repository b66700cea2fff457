package io.omnirouter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.schemas.AvroPackages;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @BeforeAll
    static void trustGeneratedClasses() {
        System.setProperty(AvroPackages.SYSTEM_PROPERTY, AvroPackages.SERIALIZABLE);
    }

    @Test
    void the_same_seed_plans_the_same_events_in_the_same_order() {
        Workload first = Workload.plan(5, 500, 50);
        Workload second = Workload.plan(5, 500, 50);

        assertThat(first.events()).extracting(Workload.Planned::sourceKey)
                .containsExactlyElementsOf(second.events().stream().map(Workload.Planned::sourceKey).toList());
    }

    @Test
    void re_sends_repeat_an_earlier_event_exactly_as_a_retrying_adapter_does() {
        Workload workload = Workload.plan(9, 5_000, 200);
        Map<String, Workload.Planned> originals = new HashMap<>();

        assertThat(workload.distinct()).isEqualTo(5_000);
        assertThat(workload.resends()).isBetween(50L, 300L);
        for (Workload.Planned planned : workload.events()) {
            if (planned.resend()) {
                Workload.Planned original = originals.get(planned.sourceKey());
                assertThat(original).as("a re-send follows its original").isNotNull();
                assertThat(planned.event()).isEqualTo(original.event());
            } else {
                assertThat(originals.put(planned.sourceKey(), planned)).as("distinct events have distinct ids").isNull();
            }
        }
    }
}
