package io.omnirouter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import io.omnirouter.simulator.TrafficSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Starts Kafka (KRaft), the schema registry, PostgreSQL, router-service, contact-history-service and the "
                        + "traffic simulator on fixed local ports, waits until all are healthy and prints where they are. "
                        + "Ctrl-C (or SIGTERM) stops everything it started.",
                "",
                "Environment: OMNIROUTER_DATA_DIR (data folder; empty or new means a fresh system), "
                        + "OMNIROUTER_LOCAL_PASSWORD (password of the users agent, supervisor, ops; default omnirouter), "
                        + "OMNIROUTER_SIMULATOR=off (no simulated traffic), "
                        + "PERSONAL_DATA_SEALING=false (the routers publish contacts in clear; only to measure what sealing costs)."})
final class UpCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "${env:OMNIROUTER_HOME:-.}",
            description = "The Omnirouter project, where the built jars are (default: ${DEFAULT-VALUE}; env OMNIROUTER_HOME).")
    Path home;

    @Option(names = "--data-dir", defaultValue = "${env:OMNIROUTER_DATA_DIR}",
            description = "Where Kafka, PostgreSQL and the registry keep their data and the logs go "
                    + "(default: <home>/.omnirouter; env OMNIROUTER_DATA_DIR).")
    Path dataDir;

    @Option(names = "--without", split = ",", paramLabel = "PART",
            description = "Parts not to start, e.g. to run one from the IDE: ${COMPLETION-CANDIDATES}.")
    Set<OptionalPart> without = EnumSet.noneOf(OptionalPart.class);

    @Option(names = "--simulator-rate",
            defaultValue = "${env:OMNIROUTER_SIMULATOR_RATE:-" + TrafficSimulator.Settings.DEFAULT_EVENTS_PER_SECOND + "}",
            description = "Simulated events per second (default: ${DEFAULT-VALUE}; env OMNIROUTER_SIMULATOR_RATE).")
    double simulatorRate;

    @Option(names = "--simulator-customers",
            defaultValue = "${env:OMNIROUTER_SIMULATOR_CUSTOMERS:-" + TrafficSimulator.Settings.DEFAULT_CUSTOMERS + "}",
            description = "Simulated customers (default: ${DEFAULT-VALUE}; env OMNIROUTER_SIMULATOR_CUSTOMERS).")
    int simulatorCustomers;

    @Option(names = "--brokers", defaultValue = "1",
            description = "Kafka brokers (KRaft nodes). 3 gives every topic 3 replicas and min.insync.replicas 2, as in "
                    + "production (default: ${DEFAULT-VALUE}). Changing it needs a fresh data directory.")
    int brokers;

    @Option(names = "--instances", defaultValue = "1",
            description = "Instances of router-service and of contact-history-service each (default: ${DEFAULT-VALUE}); "
                    + "instance n listens on the first one's port + 100 x (n-1).")
    int instances;

    @Override
    public Integer call() {
        // A new seed per run: the same seed would replay event ids that the router already saw and drops.
        TrafficSimulator.Settings simulator = new TrafficSimulator.Settings(simulatorRate, simulatorCustomers,
                new SecureRandom().nextLong());
        StackSettings settings = StackSettings.of(home, dataDir, without, System.getenv(), simulator,
                new StackShape(brokers, instances), StackPorts.LOCAL);
        logTo(settings.logFile("local-stack"));
        StackLayout layout = StackLayout.locate(settings.home(), settings);

        LocalStack stack = new LocalStack(settings, layout, System.out, System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "omnirouter-stop"));
        try {
            return stack.run();
        } finally {
            stack.close();
        }
    }

    /** Before the first logger exists: slf4j-simple reads its target once. */
    private static void logTo(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
    }
}
