package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.omnirouter.simulator.TrafficSimulator;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static final TrafficSimulator.Settings SIMULATOR = TrafficSimulator.Settings.defaults(1);

    @Test
    void defaults_keep_the_data_in_the_project_and_use_the_documented_password() {
        StackSettings settings = StackSettings.of(Path.of("/repo"), null, Set.of(), Map.of(), SIMULATOR);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/repo/.omnirouter"));
        assertThat(settings.logFile("kafka")).isEqualTo(Path.of("/repo/.omnirouter/logs/kafka.log"));
        assertThat(settings.localPassword()).isEqualTo("omnirouter");
        assertThat(settings.defaultPassword()).isTrue();
        assertThat(OptionalPart.values()).allMatch(settings::runs);
        assertThat(settings.sealing()).isTrue();
    }

    @Test
    void the_environment_switches_the_simulator_off_and_sets_the_password() {
        StackSettings settings = StackSettings.of(Path.of("/repo"), Path.of("/data"), Set.of(OptionalPart.HISTORY),
                Map.of("OMNIROUTER_SIMULATOR", "OFF", "OMNIROUTER_LOCAL_PASSWORD", "s3cret"), SIMULATOR);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(settings.without()).containsExactlyInAnyOrder(OptionalPart.HISTORY, OptionalPart.SIMULATOR);
        assertThat(settings.runs(OptionalPart.ROUTER)).isTrue();
        assertThat(settings.localPassword()).isEqualTo("s3cret");
        assertThat(settings.defaultPassword()).isFalse();
    }

    @Test
    void the_environment_switches_sealing_off_as_the_router_reads_it() {
        assertThat(StackSettings.of(Path.of("/repo"), null, Set.of(), Map.of("PERSONAL_DATA_SEALING", " FALSE"), SIMULATOR).sealing())
                .isFalse();
        assertThat(StackSettings.of(Path.of("/repo"), null, Set.of(), Map.of("PERSONAL_DATA_SEALING", "true"), SIMULATOR).sealing())
                .isTrue();
        assertThat(StackSettings.of(Path.of("/repo"), null, Set.of(), Map.of("PERSONAL_DATA_SEALING", "off"), SIMULATOR).sealing())
                .isFalse();
    }
}
