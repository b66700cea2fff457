package io.omnirouter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Readings from {@code /proc}: CPU time of a process (and of a process tree), its peak resident set
 * ({@code VmHWM}) and the machine's busy time. Linux only, like the rest of the harness.
 */
final class ProcStats {

    /** USER_HZ: /proc/<pid>/stat and /proc/stat count in these ticks. */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcStats() {
    }

    /** User + system CPU time of {@code pid} in ms; with {@code reapedChildren}, also that of its children that exited. */
    static long cpuMillis(long pid, boolean reapedChildren) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        // Fields after "(comm)": state is index 0, utime 11, stime 12, cutime 13, cstime 14.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (reapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** CPU ms of a process and all its live descendants, plus what its exited children used (PostgreSQL's backends). */
    static long treeCpuMillis(long pid) {
        long total = cpuMillis(pid, true);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            total += cpuMillis(child.pid(), false);
        }
        return total;
    }

    /** Peak resident set size in kB ({@code VmHWM}), if the process is alive. */
    static OptionalLong peakRssKb(long pid) {
        return statusValueKb(pid, "VmHWM:");
    }

    static OptionalLong rssKb(long pid) {
        return statusValueKb(pid, "VmRSS:");
    }

    /** {busy ticks, total ticks} over all CPUs since boot (iowait counts as idle). */
    static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static OptionalLong statusValueKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key)) {
                    return OptionalLong.of(Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return OptionalLong.empty();
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces and parentheses: the fields start after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
