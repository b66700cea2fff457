package io.omnirouter.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * {@code --profile}: Java Flight Recordings of both services over the measured part of the run (started and
 * dumped with jcmd, so the services start exactly as without profiling), and PostgreSQL's statement
 * statistics (pg_stat_statements). Files go to the bench's log folder.
 */
final class Profiling {

    private static final String RECORDING = "omnirouter-bench";

    private Profiling() {
    }

    static void start(LocalStackProcess stack, PrintStream out) {
        for (String part : List.of(LocalStackProcess.ROUTER, LocalStackProcess.HISTORY)) {
            Path file = stack.logs().resolve(part + ".jfr");
            jcmd(stack.pid(part), "JFR.start", "name=" + RECORDING, "settings=profile", "filename=" + file);
            out.println("  profiling " + part + " into " + file);
        }
    }

    static void stop(LocalStackProcess stack, PrintStream out) {
        for (String part : List.of(LocalStackProcess.ROUTER, LocalStackProcess.HISTORY)) {
            jcmd(stack.pid(part), "JFR.stop", "name=" + RECORDING);
        }
    }

    static void dumpStatements(HistoryDb db, Path logs, PrintStream out) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%12s %10s %10s %10s  %s%n", "total ms", "calls", "mean ms", "rows", "query"));
        try (Connection connection = db.connectAsSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = statement.executeQuery("SELECT total_exec_time, calls, mean_exec_time, rows, query"
                    + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25")) {
                while (rs.next()) {
                    text.append(String.format(Locale.ROOT, "%12.0f %10d %10.3f %10d  %s%n", rs.getDouble(1), rs.getLong(2),
                            rs.getDouble(3), rs.getLong(4), rs.getString(5).replaceAll("\\s+", " ")));
                }
            }
        } catch (SQLException e) {
            out.println("  pg_stat_statements unavailable: " + e.getMessage());
            return;
        }
        Path file = logs.resolve("pg_stat_statements.txt");
        Benchmark.writeFile(file, text.toString());
        out.println("  PostgreSQL statement statistics in " + file);
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new BenchException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new BenchException("jcmd failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
