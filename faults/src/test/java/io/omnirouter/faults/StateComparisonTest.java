package io.omnirouter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class StateComparisonTest {

    @Test
    void equal_snapshots_have_no_divergence() {
        Map<String, Map<String, Map<String, String>>> state = Map.of("customer", Map.of(
                "customer_id=a", Map.of("customer_id", "a", "first_contact_at", "2026-01-05")), "contact", Map.of());

        assertThat(StateComparison.compare(state, state).equal()).isTrue();
    }

    @Test
    void a_row_that_differs_names_the_columns_and_a_missing_row_counts_on_its_side() {
        Map<String, Map<String, Map<String, String>>> reference = Map.of("follow_up_task", Map.of(
                "task_id=1", Map.of("task_id", "1", "status", "OPEN", "escalation_tier", "2"),
                "task_id=2", Map.of("task_id", "2", "status", "OPEN", "escalation_tier", "0")));
        Map<String, Map<String, Map<String, String>>> underFaults = Map.of("follow_up_task", Map.of(
                "task_id=1", Map.of("task_id", "1", "status", "CLOSED", "escalation_tier", "2"),
                "task_id=3", Map.of("task_id", "3", "status", "OPEN", "escalation_tier", "0")));

        StateComparison.Divergence divergence = StateComparison.compare(reference, underFaults).divergences().get("follow_up_task");

        assertThat(divergence.different()).isEqualTo(1);
        assertThat(divergence.onlyInReference()).isEqualTo(1);
        assertThat(divergence.onlyUnderFaults()).isEqualTo(1);
        assertThat(divergence.differingColumns()).isEqualTo(Map.of("status", 1));
        assertThat(divergence.examples()).contains("task_id=1: status OPEN -> CLOSED", "task_id=2: only in the reference",
                "task_id=3: only under faults");
    }
}
