package io.omnirouter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecoveryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void recovery_lasts_until_the_last_event_the_fault_delayed_became_visible() {
        List<FaultInjector.Injected> faults = List.of(fault(FaultKind.ROUTER_KILL, 0), fault(FaultKind.POSTGRES_CRASH, 100));
        List<Recovery.Sample> samples = List.of(
                sample(1, 1.2),    // fresh
                sample(2, 14),     // delayed 12 s by the kill: visible 14 s after it
                sample(5, 5.3),    // fresh
                sample(101, 130),  // delayed by the database outage
                sample(102, 131),
                sample(140, 140.1));

        double[] seconds = Recovery.perFault(faults, samples);

        assertThat(seconds).containsExactly(14.0, 31.0);
        assertThat(Recovery.worstByKind(faults, seconds)).isEqualTo(Map.of(FaultKind.ROUTER_KILL, 14.0, FaultKind.POSTGRES_CRASH, 31.0));
    }

    @Test
    void a_fault_that_delayed_nothing_recovered_at_once() {
        double[] seconds = Recovery.perFault(List.of(fault(FaultKind.REBALANCE, 0)), List.of(sample(1, 1.5), sample(3, 3.2)));

        assertThat(seconds).containsExactly(0.0);
    }

    @Test
    void events_sent_after_the_next_fault_began_are_that_faults_doing() {
        List<FaultInjector.Injected> faults = List.of(fault(FaultKind.ROUTER_KILL, 0), fault(FaultKind.HISTORY_KILL, 10));

        double[] seconds = Recovery.perFault(faults, List.of(sample(12, 40)));

        assertThat(seconds).containsExactly(0.0, 30.0);
    }

    private static FaultInjector.Injected fault(FaultKind kind, long atSeconds) {
        Instant start = T0.plusSeconds(atSeconds);
        return new FaultInjector.Injected(new Fault(1, kind, Duration.ZERO, Duration.ofSeconds(5), null, 0), "x", start, start.plusSeconds(5));
    }

    private static Recovery.Sample sample(double sentSeconds, double visibleSeconds) {
        return new Recovery.Sample(T0.toEpochMilli() + Math.round(sentSeconds * 1000), T0.toEpochMilli() + Math.round(visibleSeconds * 1000));
    }
}
