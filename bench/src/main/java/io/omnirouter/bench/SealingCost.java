package io.omnirouter.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What sealing personal data costs ({@code --compare-sealing}), measured in one run of the bench: the whole benchmark on a
 * fresh stack whose routers seal (the default), then again on a fresh stack whose routers do not
 * ({@code PERSONAL_DATA_SEALING=false}), same settings, same seed, same machine minutes apart. Two stacks rather than
 * restarting the routers mid-run, because every phase then meets the same state (JIT, store, topics) in both: the
 * only difference is the setting. The order is fixed (sealed first), so drift of the machine between the two is not
 * controlled: the runs' own pass-through and raw COPY figures, the machine's limits, show how far it drifted.
 * The history opens sealed contacts and takes clear ones as they are, so its ingest is compared too.
 */
final class SealingCost {

    static final String SEALED = "routers sealing (default)";
    static final String CLEAR = "PERSONAL_DATA_SEALING=false";

    private SealingCost() {
    }

    /** The {@code sealing_cost} key of the sealed run's result file. */
    static Map<String, Object> json(Report sealed, Report clear, Path clearFile) {
        if (!sealed.sealing() || clear.sealing()) {
            throw new IllegalArgumentException("a sealed run first, then a clear one");
        }
        Map<String, Object> sealedFigures = RunComparison.figures(sealed);
        Map<String, Object> clearFigures = RunComparison.figures(clear);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("router_sealed_vs_clear", ratio(sealedFigures.get("router_events_per_s"), clearFigures.get("router_events_per_s")));
        json.put("ingest_sealed_vs_clear", ratio(sealedFigures.get("ingest_contacts_per_s"), clearFigures.get("ingest_contacts_per_s")));
        json.put("router_cpu_per_event_sealed_vs_clear",
                ratio(sealedFigures.get("router_cpu_ms_per_event"), clearFigures.get("router_cpu_ms_per_event")));
        json.put("sealed", sealedFigures);
        json.put("clear", clearFigures);
        json.put("clear_run", clearFile.getFileName().toString());
        json.put("note", "the same benchmark twice in one run (--compare-sealing), each on a fresh stack: this one with the"
                + " routers sealing personal data, then clear_run with PERSONAL_DATA_SEALING=false; ratios are sealed / clear."
                + " Kafka pass-through and raw COPY are each run's own measure of the machine");
        return json;
    }

    /** Both runs side by side, then what sealing costs. */
    static void print(PrintStream out, Map<String, Object> json, Report sealed, Report clear, Path sealedFile, Path clearFile) {
        RunComparison.print(out, "Sealed versus clear personal data", SEALED, sealed, sealedFile, CLEAR, clear, clearFile);
        out.printf(Locale.ROOT, "Cost of sealing (sealed / clear, in %s as sealing_cost): router throughput %s, history ingest %s,"
                        + " router CPU per event %s%n", sealedFile.getFileName(), times(json.get("router_sealed_vs_clear")),
                times(json.get("ingest_sealed_vs_clear")), times(json.get("router_cpu_per_event_sealed_vs_clear")));
    }

    private static Double ratio(Object sealed, Object clear) {
        if (!(sealed instanceof Number s) || !(clear instanceof Number c) || c.doubleValue() == 0) {
            return null;
        }
        return Report.round(s.doubleValue() / c.doubleValue(), 3);
    }

    private static String times(Object ratio) {
        return ratio instanceof Number n ? String.format(Locale.ROOT, "%.3f×", n.doubleValue()) : "not measured";
    }
}
