package io.omnirouter.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU used over an interval: by the whole machine (how many of the cores were busy: the load a figure was
 * taken at, docs/build-environment.md) and by named processes of the stack.
 */
final class CpuMeter {

    private final Map<String, LongSupplier> processes = new LinkedHashMap<>();

    /** A process whose CPU ms {@code cpuMillis} reads (e.g. {@link ProcStats#cpuMillis}). */
    CpuMeter track(String name, LongSupplier cpuMillis) {
        processes.put(name, cpuMillis);
        return this;
    }

    Sample start() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        processes.forEach((name, reader) -> cpu.put(name, reader.getAsLong()));
        return new Sample(System.nanoTime(), ProcStats.machineTicks(), cpu);
    }

    Usage since(Sample start) {
        Sample end = start();
        double seconds = (end.nanos - start.nanos) / 1e9;
        long busy = end.machine[0] - start.machine[0];
        long total = end.machine[1] - start.machine[1];
        int cores = Runtime.getRuntime().availableProcessors();
        double busyCores = total > 0 ? cores * (double) busy / total : 0;
        Map<String, Long> cpuMs = new LinkedHashMap<>();
        end.cpu.forEach((name, ms) -> cpuMs.put(name, ms - start.cpu.getOrDefault(name, 0L)));
        return new Usage(seconds, busyCores, cores, cpuMs);
    }

    record Sample(long nanos, long[] machine, Map<String, Long> cpu) {
    }

    /**
     * @param busyCores average number of busy cores over the interval (of {@code cores})
     * @param cpuMs     CPU ms used by each tracked process over the interval
     */
    record Usage(double seconds, double busyCores, int cores, Map<String, Long> cpuMs) {

        long cpuMs(String name) {
            return cpuMs.getOrDefault(name, 0L);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seconds", Report.round(seconds, 2));
            json.put("busy_cores", Report.round(busyCores, 2));
            json.put("cores", cores);
            json.put("busy_cores_outside_the_stack_and_bench", Report.round(othersBusyCores(), 2));
            Map<String, Object> perProcess = new LinkedHashMap<>();
            cpuMs.forEach(perProcess::put);
            json.put("cpu_ms", perProcess);
            return json;
        }

        /** Busy cores not explained by the tracked processes: other work on the machine (or untracked parts). */
        double othersBusyCores() {
            long tracked = cpuMs.values().stream().mapToLong(Long::longValue).sum();
            return seconds <= 0 ? 0 : Math.max(0, busyCores - tracked / (seconds * 1000));
        }

        String load() {
            double others = othersBusyCores();
            return String.format(java.util.Locale.ROOT, "%.1f/%d cores busy", busyCores, cores)
                    + (others >= 0.2 ? String.format(java.util.Locale.ROOT, " (%.1f by other processes)", others) : "");
        }
    }
}
