package io.omnirouter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * {@code --profile}: where the services spend their time, without starting them differently (everything is
 * attached with jcmd to the running JVMs). With async-profiler ({@code --async-profiler <libasyncProfiler.so or
 * the tools.profiler:async-profiler jar>}) one CPU profile per measured phase and service (collapsed stacks and a
 * flame graph); otherwise one Java Flight Recording per service over the whole run. Always PostgreSQL's statement
 * statistics (pg_stat_statements). Files go to {@code <data dir>/logs/profiles}.
 */
final class Profiling {

    private static final String RECORDING = "omnirouter-bench";

    private final LocalStackProcess stack;
    private final PrintStream out;
    private final Path dir;
    private final Path asyncProfiler;
    private HistoryDb db;

    private Profiling(LocalStackProcess stack, PrintStream out, Path asyncProfiler) {
        this.stack = stack;
        this.out = out;
        this.dir = stack == null ? null : stack.logs().resolve("profiles");
        this.asyncProfiler = asyncProfiler;
    }

    /** A profiler that does nothing. */
    static Profiling off() {
        return new Profiling(null, null, null);
    }

    static Profiling start(LocalStackProcess stack, HistoryDb db, PrintStream out, Path asyncProfiler) {
        Profiling profiling = new Profiling(stack, out, asyncProfiler == null ? null : library(asyncProfiler, stack.logs()));
        profiling.db = db;
        try (Connection connection = db.connectAsSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            out.println("  pg_stat_statements unavailable: " + e.getMessage());
        }
        try {
            Files.createDirectories(profiling.dir);
        } catch (IOException e) {
            throw new BenchException("Cannot create " + profiling.dir, e);
        }
        if (profiling.asyncProfiler == null) {
            for (String part : services(stack)) {
                Path file = profiling.dir.resolve(part + ".jfr");
                jcmd(stack.pid(part), "JFR.start", "name=" + RECORDING, "settings=profile", "filename=" + file);
            }
            out.println("  profiling both services with JFR into " + profiling.dir);
        } else {
            out.println("  profiling both services with async-profiler, one profile per phase, into " + profiling.dir);
        }
        return profiling;
    }

    /** Starts CPU profiles of the given services for a measured phase (async-profiler only), and PostgreSQL's statistics. */
    void begin(String phase, List<String> services) {
        if (stack == null) {
            return;
        }
        try (Connection connection = db.connectAsSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            // not loaded
        }
        if (asyncProfiler != null) {
            for (String part : services) {
                jcmd(stack.pid(part), "JVMTI.agent_load", asyncProfiler.toString(), agentOptions("start,event=cpu,interval=1ms"));
            }
        }
    }

    void end(String phase, List<String> services) {
        if (stack == null) {
            return;
        }
        statements(dir.resolve(phase.replaceAll("[^A-Za-z0-9]+", "-") + "-pg_stat_statements.txt"));
        if (asyncProfiler != null) {
            for (String part : services) {
                String name = phase.replaceAll("[^A-Za-z0-9]+", "-") + "-" + part;
                jcmd(stack.pid(part), "JVMTI.agent_load", asyncProfiler.toString(), agentOptions("stop,file=" + dir.resolve(name + ".collapsed")));
            }
        }
    }

    /** Ends the recordings. */
    void finish(HistoryDb db) {
        if (stack == null) {
            return;
        }
        if (asyncProfiler == null) {
            for (String part : services(stack)) {
                jcmd(stack.pid(part), "JFR.stop", "name=" + RECORDING);
            }
        }
        out.println("  profiles and PostgreSQL statement statistics per phase in " + dir);
    }

    private void statements(Path file) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%12s %10s %10s %10s  %s%n", "total ms", "calls", "mean ms", "rows", "query"));
        try (Connection connection = db.connectAsSuperuser(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT total_exec_time, calls, mean_exec_time, rows, query"
                     + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 40")) {
            while (rs.next()) {
                text.append(String.format(Locale.ROOT, "%12.0f %10d %10.3f %10d  %s%n", rs.getDouble(1), rs.getLong(2),
                        rs.getDouble(3), rs.getLong(4), rs.getString(5).replaceAll("\\s+", " ")));
            }
        } catch (SQLException e) {
            return;
        }
        Benchmark.writeFile(file, text.toString());
    }

    /** Every instance of both services. */
    private static List<String> services(LocalStackProcess stack) {
        List<String> services = new ArrayList<>(stack.routers());
        services.addAll(stack.histories());
        return services;
    }

    /** libasyncProfiler.so itself, or extracted from the Maven Central jar. */
    private static Path library(Path given, Path logs) {
        if (given.toString().endsWith(".so")) {
            return given.toAbsolutePath();
        }
        try (ZipFile jar = new ZipFile(given.toFile())) {
            var entry = jar.getEntry("linux-x64/libasyncProfiler.so");
            if (entry == null) {
                throw new BenchException(given + " has no linux-x64/libasyncProfiler.so");
            }
            Path library = logs.resolve("libasyncProfiler.so");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
            return library.toAbsolutePath();
        } catch (IOException e) {
            throw new BenchException("Cannot read async-profiler from " + given + ": " + e.getMessage(), e);
        }
    }

    /**
     * jcmd reads {@code key=value} in an argument as a named option of its own: quoted, the profiler's options
     * reach the agent whole (unquoted, async-profiler answers "event must not be empty" in the target's stdout).
     */
    private static String agentOptions(String options) {
        return '"' + options + '"';
    }

    private static void jcmd(long pid, String... command) {
        Jcmd.run(pid, command);
    }
}
