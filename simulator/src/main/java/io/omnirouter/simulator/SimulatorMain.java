package io.omnirouter.simulator;

import io.omnirouter.schemas.AvroPackages;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Plays synthetic customer traffic into a running Omnirouter until Ctrl-C. */
@Command(name = "omnirouter-simulator", mixinStandardHelpOptions = true,
        description = "Publishes realistic customer traffic on the channel topics until stopped (Ctrl-C).")
public final class SimulatorMain implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://localhost:8081/apis/ccompat/v7}",
            description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--rate", defaultValue = "" + TrafficSimulator.Settings.DEFAULT_EVENTS_PER_SECOND,
            description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--customers", defaultValue = "" + TrafficSimulator.Settings.DEFAULT_CUSTOMERS,
            description = "Synthetic customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", description = "Seed of the population and journeys (default: random). "
            + "Replaying a seed republishes the same event ids, which the router drops as duplicates.")
    Long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // Avro 1.12 builds only generated classes of trusted packages; read once, before first use.
        System.setProperty(AvroPackages.SYSTEM_PROPERTY, AvroPackages.SERIALIZABLE);
        long effectiveSeed = seed != null ? seed : new SecureRandom().nextLong();
        TrafficSimulator simulator = TrafficSimulator.connect(bootstrapServers, schemaRegistryUrl,
                new TrafficSimulator.Settings(rate, customers, effectiveSeed));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        simulator.start();
        // Runs until the JVM is stopped (Ctrl-C, SIGTERM); the shutdown hook closes the simulator.
        Thread.currentThread().join();
        return 0;
    }
}
