package io.omnirouter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Diagnostic commands to the stack's running JVMs (the JDK's jcmd): profilers, and how busy the JIT still is. */
final class Jcmd {

    private static final Pattern TOTAL_COMPILES = Pattern.compile("(?m)^sun\\.ci\\.totalCompiles=(\\d+)");
    /**
     * How jcmd reports a command that failed although it exits with 0: a line that starts with the error or the
     * exception. Only at a line's start: a counter's value may name a method such as {@code maybeFailWithError}.
     */
    private static final Pattern FAILURE = Pattern.compile("(?m)^(?:Error|error|[\\w.$]+(?:Exception|Error)(?::|$))");

    private Jcmd() {
    }

    /** Methods the JVM's JIT compilers have compiled so far (all tiers). */
    static long compilations(long pid) {
        Matcher total = TOTAL_COMPILES.matcher(run(pid, "PerfCounter.print"));
        if (!total.find()) {
            throw new BenchException("jcmd " + pid + " PerfCounter.print has no sun.ci.totalCompiles");
        }
        return Long.parseLong(total.group(1));
    }

    static boolean reportsFailure(String output) {
        return FAILURE.matcher(output).find();
    }

    /** @return what jcmd printed */
    static String run(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0 || reportsFailure(output)) {
                throw new BenchException("jcmd " + String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new BenchException("jcmd failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
