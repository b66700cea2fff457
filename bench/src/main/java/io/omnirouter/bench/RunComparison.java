package io.omnirouter.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The same workload in two runs that differ in one thing, side by side: one and two instances of each service
 * ({@code --compare-instances}: what the second instance costs and what it buys on this machine), the routers sealing
 * personal data and not ({@code --compare-sealing}, {@link SealingCost}). Each run also has its own result file.
 */
final class RunComparison {

    /** A row: its label, its key in JSON, and how to read its figure from a run. */
    private record Figure(String label, String key, String unit, Function<Report, Object> read) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("router throughput", "router_events_per_s", "events/s", report -> report.figure("router_events_per_s")),
            new Figure("Kafka pass-through", "passthrough_events_per_s", "events/s",
                    report -> report.figure("passthrough_events_per_s")),
            new Figure("router vs Kafka pass-through", "router_vs_passthrough", "", report -> report.figure("router_vs_passthrough")),
            new Figure("router CPU per event", "router_cpu_ms_per_event", "ms",
                    report -> report.detail("saturation", "router", "cpu_ms_per_event")),
            new Figure("data keys the router created", "router_data_keys_created", "",
                    report -> report.detail("saturation", "router", "data_keys_created")),
            new Figure("history ingest", "ingest_contacts_per_s", "contacts/s", report -> report.figure("ingest_contacts_per_s")),
            new Figure("raw COPY insert", "raw_insert_rows_per_s", "rows/s", report -> report.figure("raw_insert_rows_per_s")),
            new Figure("ingest vs raw COPY", "ingest_vs_raw_insert", "", report -> report.figure("ingest_vs_raw_insert")),
            new Figure("ingest CPU per contact (history + PostgreSQL)", "ingest_cpu_ms_per_contact", "ms",
                    report -> report.detail("saturation", "history_ingest", "cpu_ms_per_contact_ingest")),
            new Figure("freshness p50", "freshness_p50_ms", "ms", report -> report.figure("freshness_p50_ms")),
            new Figure("freshness p99", "freshness_p99_ms", "ms", report -> report.figure("freshness_p99_ms")),
            new Figure("freshness: machine CPU per event", "freshness_cpu_ms_per_event", "ms",
                    report -> report.figure("freshness_cpu_ms_per_event")),
            new Figure("timeline p99", "timeline_p99_ms", "ms", report -> report.figure("timeline_p99_ms")),
            new Figure("router peak RSS, all instances", "router_rss_mb", "MB", report -> report.figure("router_rss_mb")),
            new Figure("history peak RSS, all instances", "history_rss_mb", "MB", report -> report.figure("history_rss_mb")));

    private RunComparison() {
    }

    /** The table as Markdown (also what the terminal shows), one column per run. */
    static String table(String firstHeader, Report first, String secondHeader, Report second) {
        List<String> lines = new ArrayList<>();
        lines.add("| measure | " + firstHeader + " | " + secondHeader + " |");
        lines.add("| --- | --- | --- |");
        for (Figure figure : FIGURES) {
            lines.add("| " + figure.label() + " | " + shown(figure.read().apply(first), figure.unit()) + " | "
                    + shown(figure.read().apply(second), figure.unit()) + " |");
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    static void print(PrintStream out, String title, String firstHeader, Report first, Path firstFile, String secondHeader,
                      Report second, Path secondFile) {
        out.println();
        out.printf("%s (%s, %s):%n", title, firstFile.getFileName(), secondFile.getFileName());
        out.print(table(firstHeader, first, secondHeader, second));
    }

    /** {@code --compare-instances}. */
    static void printInstances(PrintStream out, Report one, Report two, Path oneFile, Path twoFile) {
        print(out, "One versus two instances of each service", instances(one), one, oneFile, instances(two), two, twoFile);
    }

    /** Every figure of the table by its key; null where the run did not measure it. */
    static Map<String, Object> figures(Report run) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Figure figure : FIGURES) {
            json.put(figure.key(), figure.read().apply(run));
        }
        return json;
    }

    private static String instances(Report run) {
        int instances = run.shape().instances();
        return instances + (instances == 1 ? " instance" : " instances") + " of each service";
    }

    private static String shown(Object value, String unit) {
        if (value == null) {
            return "not measured";
        }
        String number = value instanceof Number n ? String.format(Locale.ROOT, "%,.3f", n.doubleValue()).replaceAll("\\.?0+$", "")
                : value.toString();
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
