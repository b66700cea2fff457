package io.omnirouter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.local.Machine;
import io.omnirouter.local.StackShape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sealing_cost key and its summary, from made-up figures (no speed is measured or asserted here). */
class SealingCostTest {

    private static final Machine MACHINE = new Machine(2, 4096, "test cpu", "21", "Linux", "abc1234", false);
    private static final Path SEALED_FILE = Path.of("results/2026-12-03-abc1234-quick.json");
    private static final Path CLEAR_FILE = Path.of("results/2026-12-03-abc1234-quick-clear.json");

    @Test
    void sealing_cost_holds_both_runs_figures_and_their_ratios() {
        Report sealed = run(true, 8_000, 1_600, 8_000);
        Report clear = run(false, 10_000, 2_000, 0);

        Map<String, Object> json = SealingCost.json(sealed, clear, CLEAR_FILE);

        assertThat(json.get("router_sealed_vs_clear")).isEqualTo(0.8);
        assertThat(json.get("ingest_sealed_vs_clear")).isEqualTo(0.8);
        assertThat(json.get("clear_run")).isEqualTo("2026-12-03-abc1234-quick-clear.json");
        assertThat(figures(json, "sealed")).containsEntry("router_events_per_s", 8_000.0)
                .containsEntry("ingest_contacts_per_s", 1_600.0).containsEntry("router_data_keys_created", 8_000L)
                .containsKeys("passthrough_events_per_s", "raw_insert_rows_per_s");
        assertThat(figures(json, "clear")).containsEntry("router_events_per_s", 10_000.0)
                .containsEntry("ingest_contacts_per_s", 2_000.0).containsEntry("router_data_keys_created", 0L);
        // Not measured in these made-up runs: shown as missing, not as zero.
        assertThat(figures(json, "sealed")).containsEntry("freshness_p99_ms", null);
    }

    @Test
    void the_sealed_result_file_carries_it_and_the_clear_one_is_named_apart() {
        Report sealed = run(true, 8_000, 1_600, 8_000);
        Report clear = run(false, 10_000, 2_000, 0);

        sealed.sealingCost(SealingCost.json(sealed, clear, CLEAR_FILE));

        assertThat(sealed.json()).containsKey("sealing_cost").containsEntry("router_sealing", true);
        assertThat(clear.json()).doesNotContainKey("sealing_cost").containsEntry("router_sealing", false);
    }

    @Test
    void the_summary_shows_both_runs_and_the_ratios() {
        Report sealed = run(true, 8_000, 1_600, 8_000);
        Report clear = run(false, 10_000, 2_000, 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SealingCost.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), SealingCost.json(sealed, clear, CLEAR_FILE),
                sealed, clear, SEALED_FILE, CLEAR_FILE);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("| measure | " + SealingCost.SEALED + " | " + SealingCost.CLEAR + " |",
                "| router throughput | 8,000 events/s | 10,000 events/s |", "| history ingest | 1,600 contacts/s | 2,000 contacts/s |",
                "| data keys the router created | 8,000 | 0 |", "| freshness p99 | not measured | not measured |",
                "router throughput 0.800×, history ingest 0.800×", "2026-12-03-abc1234-quick-clear.json");
    }

    @Test
    void the_runs_must_come_sealed_then_clear() {
        Report sealed = run(true, 8_000, 1_600, 8_000);

        assertThatThrownBy(() -> SealingCost.json(sealed, sealed, CLEAR_FILE)).isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(Map<String, Object> json, String run) {
        return (Map<String, Object>) json.get(run);
    }

    /** A report with only its saturation cycle: {@code events} routed in one second, {@code ingested} contacts in one. */
    private static Report run(boolean sealing, int routed, int ingested, long dataKeys) {
        Report report = new Report(BenchSettings.quick(), StackShape.LAPTOP, sealing, MACHINE);
        Benchmark.Cycle cycle = new Benchmark.Cycle("saturation", routed);
        CpuMeter.Usage usage = new CpuMeter.Usage(1, 1.5, 2, Map.of("router", 900L, "history", 500L, "postgres", 400L));
        cycle.preloaded = new Workload.Preloaded(routed, 1);
        cycle.routerUsage = usage;
        cycle.routerOutput = new Kafka.Written(routed, 0, 1_000);
        cycle.dataKeysCreated = dataKeys;
        cycle.passThroughUsage = usage;
        cycle.passThrough = new Kafka.Written(routed, 0, 500);
        Instant since = Instant.parse("2026-12-03T10:00:00Z");
        cycle.since = since;
        cycle.historyUsage = usage;
        cycle.totalUsage = usage;
        cycle.recorded = new HistoryDb.Recorded(ingested, since, since.plusSeconds(1));
        cycle.raw = new RawInsert.Result(ingested, 0.1, 250, 3, 0);
        report.saturation(cycle);
        return report;
    }
}
