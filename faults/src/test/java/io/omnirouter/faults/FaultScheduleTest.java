package io.omnirouter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    @Test
    void the_same_seed_plans_the_same_schedule_and_another_seed_another() {
        assertThat(FaultSchedule.plan(Profile.full(), 2, 7)).isEqualTo(FaultSchedule.plan(Profile.full(), 2, 7));
        assertThat(FaultSchedule.plan(Profile.full(), 2, 7).faults()).isNotEqualTo(FaultSchedule.plan(Profile.full(), 2, 8).faults());
    }

    @Test
    void the_default_run_kills_each_service_ten_times_three_leading_brokers_and_has_every_other_fault_the_issue_asks_for() {
        FaultSchedule schedule = FaultSchedule.plan(Profile.full(), 2, 1);

        assertThat(schedule.count(FaultKind.ROUTER_KILL)).isGreaterThanOrEqualTo(10);
        assertThat(schedule.count(FaultKind.HISTORY_KILL)).isGreaterThanOrEqualTo(10);
        assertThat(schedule.count(FaultKind.LEADER_BROKER_KILL)).isGreaterThanOrEqualTo(3);
        assertThat(schedule.count(FaultKind.REBALANCE)).isGreaterThanOrEqualTo(5);
        assertThat(schedule.count(FaultKind.ALL_BROKERS_DOWN)).isEqualTo(1);
        assertThat(schedule.count(FaultKind.SERVICE_PAUSE)).isPositive();
        assertThat(schedule.faults()).filteredOn(fault -> fault.kind() == FaultKind.POSTGRES_CRASH)
                .singleElement().extracting(Fault::outage).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.faults()).filteredOn(fault -> fault.kind() == FaultKind.REGISTRY_DOWN)
                .singleElement().extracting(Fault::outage).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.faults()).filteredOn(fault -> fault.kind() == FaultKind.SERVICE_PAUSE)
                .allSatisfy(fault -> assertThat(fault.outage()).isGreaterThan(Duration.ofSeconds(45)));
        assertThat(schedule.faults()).filteredOn(fault -> fault.kind() == FaultKind.LEADER_BROKER_KILL)
                .allSatisfy(fault -> assertThat(fault.outage()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @Test
    void the_ci_run_kills_each_service_once_one_broker_once_crashes_postgres_for_10_s_and_rebalances_once() {
        FaultSchedule schedule = FaultSchedule.plan(Profile.ci(), 2, 3);

        assertThat(schedule.faults()).extracting(Fault::kind).containsExactlyInAnyOrder(FaultKind.ROUTER_KILL, FaultKind.HISTORY_KILL,
                FaultKind.LEADER_BROKER_KILL, FaultKind.POSTGRES_CRASH, FaultKind.REBALANCE);
        assertThat(schedule.faults()).filteredOn(fault -> fault.kind() == FaultKind.POSTGRES_CRASH)
                .singleElement().extracting(Fault::outage).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void faults_on_services_name_an_existing_instance_and_are_numbered_in_order() {
        FaultSchedule schedule = FaultSchedule.plan(Profile.full(), 2, 11);

        assertThat(schedule.faults()).filteredOn(fault -> fault.service() != null)
                .allSatisfy(fault -> assertThat(fault.instance()).isBetween(1, 2));
        for (int i = 0; i < schedule.faults().size(); i++) {
            assertThat(schedule.faults().get(i).number()).isEqualTo(i + 1);
        }
        assertThat(schedule.span()).isGreaterThan(Duration.ofMinutes(5));
    }
}
