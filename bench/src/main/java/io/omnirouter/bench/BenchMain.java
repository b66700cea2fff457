package io.omnirouter.bench;

import io.omnirouter.schemas.AvroPackages;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.omnirouter.local.StackException;
import io.omnirouter.local.StackShape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./omnirouter bench}: see {@link Benchmark} for what a run does and README.md "Benchmark" and bench/RESULTS.md for the latest table. */
@Command(name = "omnirouter bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Starts the local stack (Kafka, registry, PostgreSQL, both services, as ./omnirouter up does, on the same fixed "
                        + "ports: nothing else may use them meanwhile), drives it with simulated customers and measures, in one run: "
                        + "router throughput next to a Kafka pass-through, history ingest next to a raw PostgreSQL COPY, end-to-end "
                        + "freshness, timeline latency on a large store, per-event cost at a small and a large store, peak RSS.",
                "Prints a table and writes bench/results/<date>-<commit>.json. The default run takes about 20 minutes on 2 cores; "
                        + "--quick about 3 (1 of measuring)."})
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "${env:OMNIROUTER_HOME:-.}",
            description = "The Omnirouter project with its built jars (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--data-dir", description = "Data and logs of the bench's stack; wiped on every run (default: <home>/bench/target/bench-data).")
    Path dataDir;

    @Option(names = "--results-dir", description = "Where the JSON result goes (default: <home>/bench/results).")
    Path resultsDir;

    @Option(names = "--quick", description = "A small run (about a minute of measuring) that writes the same keys.")
    boolean quick;

    @Option(names = "--smoke", hidden = true, description = "A tiny run that only proves the harness works (CI).")
    boolean smoke;

    @Option(names = "--customers", description = "Simulated customers all traffic comes from (full: 4,000; at most 4,000).")
    Integer customers;

    @Option(names = "--warmup-events", description = "Events sent before anything is measured (full: 150,000).")
    Integer warmupEvents;

    @Option(names = "--events", description = "Backlog for router, pass-through, ingest and raw insert (full: 200,000).")
    Integer events;

    @Option(names = "--cost-events", description = "Backlog of each per-event cost measurement (full: 50,000).")
    Integer costEvents;

    @Option(names = "--rate", description = "Freshness: events per second, open loop (default 1,000).")
    Double rate;

    @Option(names = "--hot-rate", description = "Hot-customer phase: one customer's events per second on top of --rate of"
            + " the rest (default 500).")
    Double hotRate;

    @Option(names = "--freshness-seconds", description = "Freshness: measured seconds (full: 60), after a warm-up (full: 10 s).")
    Integer freshnessSeconds;

    @Option(names = "--store-contacts", description = "Contacts in the store for the timeline measurement (full: 10,000,000).")
    Long storeContacts;

    @Option(names = "--small-customers", description = "Customers in the store of the first cost measurement (full: 10,000).")
    Long smallCustomers;

    @Option(names = "--large-customers", description = "Customers in the store of the second cost measurement (full: 10,000,000).")
    Long largeCustomers;

    @Option(names = "--timeline-requests", description = "Measured timeline requests (full: 20,000).")
    Integer timelineRequests;

    @Option(names = "--shared-buffers", description = "PostgreSQL shared_buffers (full: 2GB).")
    String sharedBuffers;

    @Option(names = "--c1-only", description = "Run the services' JVMs with C1 only, as ./omnirouter up starts them (default: full JIT; --smoke always runs C1 only).")
    boolean c1Only;

    @Option(names = "--no-rebuild", description = "Skip the rebuild from the log (a quarter of an hour per 600,000 contacts"
            + " in a full run): for runs that measure the live write path.")
    boolean noRebuild;

    @Option(names = "--profile", description = "Profile both services (attached with jcmd: JFR, or async-profiler per phase) and"
            + " record PostgreSQL's statement statistics, into <data dir>/logs/profiles.")
    boolean profile;

    @Option(names = "--async-profiler", paramLabel = "FILE", description = "With --profile: libasyncProfiler.so, or the jar of"
            + " tools.profiler:async-profiler:4.0 from Maven Central; one CPU profile per phase instead of JFR.")
    Path asyncProfiler;

    @Option(names = "--brokers", defaultValue = "1", description = "Kafka brokers (1 to 5; 3 is the production-like"
            + " cluster: every topic with 3 copies, min.insync.replicas 2). Default: ${DEFAULT-VALUE}.")
    int brokers;

    @Option(names = "--instances", defaultValue = "1", description = "Instances of each service (1 to 4). CPU and RSS are"
            + " then reported summed over the instances. Default: ${DEFAULT-VALUE}.")
    int instances;

    @Option(names = "--compare-instances", description = "Run the benchmark twice, with one and with two instances of each"
            + " service (on --brokers brokers), and show both side by side; --instances is ignored.")
    boolean compareInstances;

    @Option(names = "--compare-sealing", description = "Run the benchmark twice, with the routers sealing personal data (the"
            + " default) and with PERSONAL_DATA_SEALING=false, show both side by side and add sealing_cost (sealed vs clear) to"
            + " the sealed run's result file; the clear run's file ends in -clear.json. Takes twice as long.")
    boolean compareSealing;

    @Option(names = "--seed", description = "Seed of the simulated population and traffic.")
    Long seed;

    @Option(names = "--commit", hidden = true, description = "Names the code under test when --home is not a git checkout (a copy of a working tree).")
    String commit;

    private final PrintStream out;
    private Path resultFile;

    BenchMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(new BenchMain(out), err).execute(args);
    }

    static CommandLine commandLine(BenchMain main, PrintStream err) {
        return new CommandLine(main)
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("omnirouter bench: " + (e instanceof BenchException ? e.getMessage() : e.toString()));
                    if (!(e instanceof BenchException)) {
                        e.printStackTrace(commandLine.getErr());
                    }
                    return 1;
                });
    }

    @Override
    public Integer call() {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            // Avro 1.12 builds only generated classes of trusted packages; read once, before Avro is first used.
            System.setProperty(AvroPackages.SYSTEM_PROPERTY, AvroPackages.SERIALIZABLE);
        }
        Path project = home.toAbsolutePath().normalize();
        Path data = (dataDir != null ? dataDir : project.resolve("bench/target/bench-data")).toAbsolutePath().normalize();
        Path results = (resultsDir != null ? resultsDir : project.resolve("bench/results")).toAbsolutePath().normalize();
        logTo(data.resolveSibling(data.getFileName() + ".log"));
        BenchSettings settings = settings();
        StackShape shape = shape();
        String password = System.getenv().getOrDefault("OMNIROUTER_LOCAL_PASSWORD", "");
        out.printf("Omnirouter benchmark, %s run (traffic of %,d simulated customers, %,d-event backlogs, %,.0f events/s freshness,"
                        + " %,d-contact store, cost at %,d vs %,d customers)%n", settings.mode(), settings.customers(), settings.events(),
                settings.rate(), settings.storeContacts(), settings.smallCustomers(), settings.largeCustomers());
        if (!shape.equals(StackShape.LAPTOP)) {
            out.printf("Stack: %d Kafka brokers (replication factor %d, min.insync.replicas %d), %d instances of each service%n",
                    shape.brokers(), shape.replicationFactor(), shape.minInsyncReplicas(), shape.instances());
        }
        if (compareInstances && compareSealing) {
            throw new BenchException("--compare-instances and --compare-sealing: one comparison per run");
        }
        if (compareInstances) {
            Report one = measure(settings, shape(1), true, project, data, password, results);
            Path oneFile = resultFile;
            Report two = measure(settings, shape(2), true, project, data, password, results);
            RunComparison.printInstances(out, one, two, oneFile, resultFile);
            return 0;
        }
        if (compareSealing) {
            // Two fresh stacks one after the other (SealingCost says why): the same run, one setting apart.
            Report sealed = measure(settings, shape, true, project, data, password, results);
            Path sealedFile = resultFile;
            Report clear = measure(settings, shape, false, project, data, password, results);
            Path clearFile = resultFile;
            Map<String, Object> cost = SealingCost.json(sealed, clear, clearFile);
            sealed.sealingCost(cost);
            resultFile = sealed.write(results);
            SealingCost.print(out, cost, sealed, clear, sealedFile, clearFile);
            return 0;
        }
        measure(settings, shape, true, project, data, password, results);
        return 0;
    }

    private Report measure(BenchSettings settings, StackShape shape, boolean sealing, Path project, Path data, String password,
                           Path results) {
        Report report = new Benchmark(settings, shape, sealing, project, data, out, "agent",
                password.isEmpty() ? "omnirouter" : password, commit, asyncProfiler).run();
        resultFile = report.write(results);
        report.print(out);
        out.println("Results: " + resultFile);
        return report;
    }

    Path resultFile() {
        return resultFile;
    }

    private BenchSettings settings() {
        BenchSettings base = smoke ? BenchSettings.smoke() : quick ? BenchSettings.quick() : BenchSettings.full();
        return new BenchSettings(base.mode(),
                or(customers, base.customers()), or(warmupEvents, base.warmupEvents()), or(events, base.events()),
                or(costEvents, base.costEvents()), or(rate, base.rate()), or(hotRate, base.hotRate()),
                base.freshnessWarmupSeconds(),
                or(freshnessSeconds, base.freshnessSeconds()), base.samplesPerSecond(), base.pollIntervalMs(),
                or(storeContacts, base.storeContacts()), base.contactsPerBulkCustomer(), or(smallCustomers, base.smallCustomers()),
                or(largeCustomers, base.largeCustomers()),
                base.timelineWarmup(), or(timelineRequests, base.timelineRequests()), base.basicWarmup(), base.basicRequests(),
                base.rawBatch(), base.rawConnections(),
                Integer.parseInt(System.getenv().getOrDefault("ROUTER_CONCURRENCY", Integer.toString(base.routerConcurrency()))),
                sharedBuffers != null ? sharedBuffers : base.sharedBuffers(), base.fullJit() && !c1Only, base.warmupRounds(), profile || asyncProfiler != null, or(seed, base.seed()),
                base.rebuild() && !noRebuild);
    }

    private StackShape shape() {
        return shape(instances);
    }

    private StackShape shape(int instancesOfEach) {
        try {
            return new StackShape(brokers, instancesOfEach);
        } catch (StackException e) {
            throw new BenchException(e.getMessage(), e);
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /** Kafka client and zonky logging into a file; before the first logger exists (slf4j-simple reads this once). */
    private static void logTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        }
    }
}
