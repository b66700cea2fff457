package io.omnirouter.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The outcome of a run: a table on the terminal and {@code <results dir>/<date>-<commit>[-<profile>].json}, whose
 * top level carries at least {@code events_acknowledged}, {@code lost}, {@code duplicated},
 * {@code state_equals_reference}, {@code faults} (kind → count), {@code recovery_s} (kind → worst seconds until
 * freshness was back under one second), {@code seed} and {@code commit}, so that any tool can read a run.
 */
final class FaultReport {

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHOWN_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private FaultReport() {
    }

    static void print(RunResult result, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Fault run (%s): %s, commit %s, seed %d%n", result.profile(), SHOWN_DATE.format(result.date()),
                result.machine().commit() + (result.machine().dirty() ? " (with uncommitted changes)" : ""), result.seed());
        out.println("Machine: " + result.machine().summary());
        out.println();
        out.printf(Locale.ROOT, "| %-44s | %12s |%n", "fault", "injected");
        out.printf(Locale.ROOT, "| %-44s | %12s | %s%n", "-".repeat(44), "-".repeat(12), "worst recovery (fresh < 1 s again)");
        for (FaultKind kind : FaultKind.values()) {
            long count = result.faults().getOrDefault(kind, 0L);
            if (count > 0) {
                out.printf(Locale.ROOT, "| %-44s | %12d | %.1f s%n", kind.key(), count, result.recoverySeconds().getOrDefault(kind, 0.0));
            }
        }
        out.println();
        row(out, "events acknowledged (distinct)", Long.toString(result.eventsAcknowledged()));
        row(out, "  planned, of which adapter re-sends", result.eventsPlanned() + ", " + result.resends());
        row(out, "lost (acknowledged, not in the history)", Long.toString(result.lost()));
        row(out, "duplicated (in the history twice)", Long.toString(result.duplicated()));
        row(out, "state equals the fault-free reference", result.stateEqualsReference() ? "yes" : "NO");
        row(out, "contact.events: records / source events twice", result.contactEvents() + " / " + result.contactEventDuplicates());
        row(out, "followup.tasks: versions / two contents", result.taskVersions() + " / " + result.taskVersionConflicts());
        row(out, "dead letters", result.deadLetters().isEmpty() ? "none" : result.deadLetters().toString());
        row(out, "consumer groups lagging", result.laggingGroups().isEmpty() ? "none" : result.laggingGroups().toString());
        row(out, "transactions left open", result.openTransactions().isEmpty() ? "none" : result.openTransactions().toString());
        row(out, "follow-up work left undone", Long.toString(result.followUpBacklog()));
        row(out, "reference run: lost / duplicated", result.referenceLost() + " / " + result.referenceDuplicated());
        row(out, "services that exited by themselves", result.unexpectedExits().isEmpty() ? "none"
                : result.unexpectedExits().stream().map(FaultInjector.UnexpectedExit::part).toList().toString());
        row(out, "durations: reference / under faults", result.referenceSeconds() + " s / " + result.faultRunSeconds() + " s");
        result.divergences().forEach((table, divergence) -> {
            out.printf(Locale.ROOT, "  %s differs: %d row(s) with other values %s, %d only in the reference, %d only under faults, e.g.%n",
                    table, divergence.different(), divergence.differingColumns(), divergence.onlyInReference(), divergence.onlyUnderFaults());
            divergence.examples().forEach(example -> out.println("    " + example));
        });
        result.deadLetterReasons().forEach(reason -> out.println("  dead letter: " + reason));
        out.println();
        out.println(result.passed() ? "ALL ACKNOWLEDGED EVENTS STORED EXACTLY ONCE; STATE EQUALS THE REFERENCE."
                : "FAILED: see the lines above.");
    }

    private static void row(PrintStream out, String what, String value) {
        out.printf(Locale.ROOT, "  %-48s %s%n", what, value);
    }

    static Path write(RunResult result, Path resultsDir) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events_acknowledged", result.eventsAcknowledged());
        json.put("lost", result.lost());
        json.put("duplicated", result.duplicated());
        json.put("state_equals_reference", result.stateEqualsReference());
        Map<String, Long> faults = new LinkedHashMap<>();
        Map<String, Double> recovery = new LinkedHashMap<>();
        for (FaultKind kind : FaultKind.values()) {
            if (result.faults().getOrDefault(kind, 0L) > 0) {
                faults.put(kind.key(), result.faults().get(kind));
                recovery.put(kind.key(), Math.round(result.recoverySeconds().getOrDefault(kind, 0.0) * 10) / 10.0);
            }
        }
        json.put("faults", faults);
        json.put("recovery_s", recovery);
        json.put("seed", result.seed());
        json.put("commit", result.machine().commit());
        json.put("commit_dirty", result.machine().dirty());
        json.put("profile", result.profile());
        json.put("date", result.date().toString());
        json.put("passed", result.passed());
        json.put("events_planned", result.eventsPlanned());
        json.put("resends", result.resends());
        json.put("failed_sends", result.failedSends());
        json.put("contact_events", result.contactEvents());
        json.put("contact_event_duplicates", result.contactEventDuplicates());
        json.put("task_versions", result.taskVersions());
        json.put("task_version_conflicts", result.taskVersionConflicts());
        json.put("dead_letters", result.deadLetters());
        json.put("lagging_groups", result.laggingGroups());
        json.put("open_transactions", result.openTransactions());
        json.put("follow_up_backlog", result.followUpBacklog());
        json.put("reference_lost", result.referenceLost());
        json.put("reference_duplicated", result.referenceDuplicated());
        Map<String, Object> divergences = new LinkedHashMap<>();
        result.divergences().forEach((table, divergence) -> divergences.put(table, Map.of(
                "different", divergence.different(), "differing_columns", divergence.differingColumns(),
                "only_in_reference", divergence.onlyInReference(), "only_under_faults", divergence.onlyUnderFaults(),
                "examples", divergence.examples())));
        json.put("divergences", divergences);
        json.put("unexpected_exits", result.unexpectedExits().stream().map(FaultInjector.UnexpectedExit::part).toList());
        json.put("reference_s", result.referenceSeconds());
        json.put("fault_run_s", result.faultRunSeconds());
        json.put("machine", result.machine().toJson());
        Files.createDirectories(resultsDir);
        String suffix = "default".equals(result.profile()) ? "" : "-" + result.profile();
        Path file = resultsDir.resolve(FILE_DATE.format(result.date()) + "-" + result.machine().commit() + suffix + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }

    static List<String> requiredKeys() {
        return List.of("events_acknowledged", "lost", "duplicated", "state_equals_reference", "faults", "recovery_s", "seed", "commit");
    }
}
