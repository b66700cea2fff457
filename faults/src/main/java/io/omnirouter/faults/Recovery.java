package io.omnirouter.faults;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * For each fault, how long it took until freshness was back under one second: the time from the fault's start
 * until the last event it delayed became visible in the history. An event counts as delayed by the fault when it
 * became visible after the fault started, was sent before the next fault started, and took a second or more from
 * its first send to being stored. A fault that delayed nothing recovered at once (0 s).
 */
final class Recovery {

    static final long FRESH_MILLIS = 1_000;

    /** @param sentAt first send, ms; @param visibleAt stored in the history, ms */
    record Sample(long sentAt, long visibleAt) {
    }

    private Recovery() {
    }

    /** Seconds until fresh again, per fault in {@code injected} order. */
    static double[] perFault(List<FaultInjector.Injected> injected, List<Sample> samples) {
        double[] seconds = new double[injected.size()];
        for (int i = 0; i < injected.size(); i++) {
            long start = injected.get(i).startedAt().toEpochMilli();
            long nextStart = i + 1 < injected.size() ? injected.get(i + 1).startedAt().toEpochMilli() : Long.MAX_VALUE;
            long lastDelayed = start;
            for (Sample sample : samples) {
                if (sample.visibleAt() >= start && sample.sentAt() < nextStart && sample.visibleAt() - sample.sentAt() >= FRESH_MILLIS) {
                    lastDelayed = Math.max(lastDelayed, sample.visibleAt());
                }
            }
            seconds[i] = (lastDelayed - start) / 1000.0;
        }
        return seconds;
    }

    /** The worst recovery of each kind. */
    static Map<FaultKind, Double> worstByKind(List<FaultInjector.Injected> injected, double[] perFault) {
        Map<FaultKind, Double> worst = new EnumMap<>(FaultKind.class);
        for (int i = 0; i < injected.size(); i++) {
            worst.merge(injected.get(i).fault().kind(), perFault[i], Math::max);
        }
        return worst;
    }

}
