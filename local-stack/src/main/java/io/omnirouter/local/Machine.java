package io.omnirouter.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a run happened: cores, memory, CPU model, JDK, OS, and the commit of the code under test. The benchmark
 * and the fault harness print it with their results.
 */
public record Machine(int cores, long memoryMb, String cpuModel, String jdk, String os, String commit, boolean dirty) {

    /** @param commitLabel names the code under test when {@code home} is not a git checkout (else null) */
    public static Machine describe(Path home, String commitLabel) {
        if (commitLabel != null) {
            return describe(home, commitLabel, true);
        }
        String commit = git(home, "rev-parse", "--short", "HEAD");
        String status = git(home, "status", "--porcelain", "--untracked-files=no");
        return describe(home, commit, !status.isEmpty());
    }

    private static Machine describe(Path home, String commit, boolean dirty) {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemoryMb(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                commit.isEmpty() ? "unknown" : commit, dirty);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", cores);
        json.put("memory_mb", memoryMb);
        json.put("cpu_model", cpuModel);
        json.put("jdk", jdk);
        json.put("os", os);
        return json;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d cores (%s), %.1f GB, %s, %s", cores, cpuModel, memoryMb / 1024.0, jdk, os);
    }

    private static long readMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String git(Path home, String... arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-C", home.toString()));
            command.addAll(List.of(arguments));
            Process git = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            git.getErrorStream().readAllBytes();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
