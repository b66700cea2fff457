package io.omnirouter.faults;

import io.omnirouter.schemas.AvroPackages;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.concurrent.Callable;

import io.omnirouter.local.StackException;
import io.omnirouter.local.StackPorts;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./omnirouter faults}: the fault-injection harness (README.md, "Fault injection"). */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs a seeded workload of customer journeys through a fault-free reference stack, then through a stack of "
                        + "3 Kafka brokers (RF 3, min ISR 2) and 2 instances of each service while a seeded schedule kills "
                        + "(kill -9), pauses (SIGSTOP), stops and restarts its processes, brokers, PostgreSQL and the "
                        + "registry; then checks that no acknowledged event was lost or stored twice, that the logs are "
                        + "clean and that the final state equals the reference's.",
                "Exit code 0 when every check passed, 1 when one failed, 2 when the run itself could not be made."})
public final class FaultsMain implements Callable<Integer> {

    @Option(names = "--quick", description = "10,000 events and a few faults of each kind (about 10 minutes) instead of "
            + "100,000 events, 10 kills of each service, 3 broker kills and more (about 40 minutes).")
    boolean quick;

    @Option(names = "--ci", hidden = true, description = "The short run of ./mvnw verify: one kill of each service, one broker "
            + "hard kill, a 10 s PostgreSQL outage, one rebalance.")
    boolean ci;

    @Option(names = "--seed", description = "Seed of the workload and the schedule (default: random, printed, so that any run "
            + "can be repeated).")
    Long seed;

    @Option(names = "--events", description = "Distinct workload events (default: 100,000; --quick 10,000).")
    Integer events;

    @Option(names = "--home", defaultValue = "${env:OMNIROUTER_HOME:-.}", description = "The built project (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--data-dir", description = "Where both stacks keep their data and logs (default: <home>/.omnirouter-faults).")
    Path dataDir;

    @Option(names = "--results-dir", description = "Where the JSON result goes (default: <home>/faults/results).")
    Path resultsDir;

    @Option(names = "--port-offset", defaultValue = "10000", description = "Added to every port of the documented local ones, "
            + "so that the run does not collide with ./omnirouter up (default: ${DEFAULT-VALUE}: Kafka 19092, 19094, 19096).")
    int portOffset;

    private final PrintStream out;

    FaultsMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole program, for tests too: the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        // Avro 1.12 builds only generated classes of trusted packages; read once, before Avro is first used.
        System.setProperty(AvroPackages.SYSTEM_PROPERTY, AvroPackages.SERIALIZABLE);
        CommandLine commandLine = new CommandLine(new FaultsMain(out))
                .setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true))
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    err.println("omnirouter faults: " + (e instanceof StackException ? e.getMessage() : e.toString()));
                    if (!(e instanceof StackException)) {
                        LoggerFactory.getLogger(FaultsMain.class).error("The fault run could not be made", e);
                        err.println("(details in " + System.getProperty("org.slf4j.simpleLogger.logFile", "the harness's log") + ")");
                    }
                    return 2;
                });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws SQLException, IOException {
        Path project = home.toAbsolutePath().normalize();
        Path data = (dataDir == null ? project.resolve(".omnirouter-faults") : dataDir).toAbsolutePath().normalize();
        Path results = (resultsDir == null ? project.resolve("faults/results") : resultsDir).toAbsolutePath().normalize();
        Profile profile = ci ? Profile.ci() : quick ? Profile.quick() : Profile.full();
        if (events != null) {
            profile = profile.withEvents(events);
        }
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        logTo(data.resolve("faults.log"));
        RunResult result = new FaultRun(project, data, profile, runSeed, new StackPorts(portOffset), out).run();
        FaultReport.print(result, out);
        out.println("Results: " + FaultReport.write(result, results));
        out.println("Logs of every part: " + data.resolve("faults/logs") + " and " + data.resolve("reference/logs"));
        return result.passed() ? 0 : 1;
    }

    /** The harness's own log lines (Kafka clients, zonky) go to a file, not between the table's lines. */
    private static void logTo(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
        }
    }
}
