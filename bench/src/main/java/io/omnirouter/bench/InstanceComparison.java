package io.omnirouter.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The same workload with one and with two instances of each service, side by side ({@code --compare-instances}):
 * what the second instance costs and what it buys on this machine. Each run also has its own result file.
 */
final class InstanceComparison {

    /** A row: its label, and how to read its figure from a run. */
    private record Figure(String label, String unit, Function<Report, Object> read) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("router throughput", "events/s", report -> report.figure("router_events_per_s")),
            new Figure("router vs Kafka pass-through", "", report -> report.figure("router_vs_passthrough")),
            new Figure("router CPU per event", "ms", report -> report.detail("saturation", "router", "cpu_ms_per_event")),
            new Figure("history ingest", "contacts/s", report -> report.figure("ingest_contacts_per_s")),
            new Figure("ingest vs raw COPY", "", report -> report.figure("ingest_vs_raw_insert")),
            new Figure("ingest CPU per contact (history + PostgreSQL)", "ms",
                    report -> report.detail("saturation", "history_ingest", "cpu_ms_per_contact_ingest")),
            new Figure("freshness p50", "ms", report -> report.figure("freshness_p50_ms")),
            new Figure("freshness p99", "ms", report -> report.figure("freshness_p99_ms")),
            new Figure("freshness: machine CPU per event", "ms", report -> report.figure("freshness_cpu_ms_per_event")),
            new Figure("timeline p99", "ms", report -> report.figure("timeline_p99_ms")),
            new Figure("router peak RSS, all instances", "MB", report -> report.figure("router_rss_mb")),
            new Figure("history peak RSS, all instances", "MB", report -> report.figure("history_rss_mb")));

    private InstanceComparison() {
    }

    /** The table as Markdown (also what the terminal shows). */
    static String table(Report one, Report two) {
        List<String> lines = new ArrayList<>();
        lines.add("| measure | " + instances(one) + " | " + instances(two) + " |");
        lines.add("| --- | --- | --- |");
        for (Figure figure : FIGURES) {
            lines.add("| " + figure.label() + " | " + shown(figure.read().apply(one), figure.unit()) + " | "
                    + shown(figure.read().apply(two), figure.unit()) + " |");
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    static void print(PrintStream out, Report one, Report two, Path oneFile, Path twoFile) {
        out.println();
        out.printf("One versus two instances of each service (%s, %s):%n", oneFile.getFileName(), twoFile.getFileName());
        out.print(table(one, two));
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
