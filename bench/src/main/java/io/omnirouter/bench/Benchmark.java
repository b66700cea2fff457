package io.omnirouter.bench;

import io.omnirouter.local.LocalStack;
import io.omnirouter.local.Machine;
import io.omnirouter.local.StackShape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.omnirouter.schemas.ContractTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run, in this order (each step waits until the stack is idle again):
 * <ol>
 *   <li>start the stack (launcher, as {@code ./omnirouter up}); warm-up traffic through router, history and
 *       the pass-through — nothing of it is measured;</li>
 *   <li>saturation: history frozen, a backlog of {@code events} committed at once to the channel topics; the
 *       router drains it (events/s from its first to its last output record); the pass-through copies the
 *       same records (same measure); then the history resumes and drains the router's output (contacts/s from
 *       the first to the last ingest transaction); the same rows are then COPYed into a scratch table;</li>
 *   <li>cost at the small store: bulk load to {@code smallCustomers} customers, then the same with {@code costEvents}:
 *       CPU-ms of history + PostgreSQL per contact (ingest and follow-up);</li>
 *   <li>freshness at {@code rate} events/s, open loop;</li>
 *   <li>the hot customer: one customer's traffic at {@code hotRate} events/s on top of {@code rate} of the rest;</li>
 *   <li>bulk load to {@code storeContacts} contacts; timeline latency;</li>
 *   <li>bulk load to {@code largeCustomers} customers; cost at the large store (as step 3);</li>
 *   <li>peak RSS of each process of the stack.</li>
 * </ol>
 */
final class Benchmark {

    static final String ROUTER_GROUP = "router";
    static final String HISTORY_GROUP = "contact-history";
    /** A consumer group that makes no progress for this long is stuck (a service after SIGCONT rejoins in seconds). */
    private static final Duration STUCK = Duration.ofSeconds(240);
    private static final Duration PASS_THROUGH_TIMEOUT = Duration.ofMinutes(30);
    /** A warm-up round after which the router's JIT compiled at most this many methods counts as the last. */
    private static final long JIT_SETTLED_COMPILATIONS = 50;
    /** The hot customer's seed, from the run's: the bulk loader has seed + 1. */
    private static final long HOT_CUSTOMER_SEED = 2;
    /** Rounds after the first send this fraction of the first one's events. */
    private static final int WARMUP_FURTHER_ROUND_DIVISOR = 3;

    private final BenchSettings settings;
    private final StackShape shape;
    /** Whether the routers seal personal data (the default); off only to measure what sealing costs. */
    private final boolean sealing;
    private final Path home;
    private final Path dataDir;
    private final PrintStream out;
    private final String user;
    private final String password;
    private final long started = System.nanoTime();

    private LocalStackProcess stack;
    private Profiling profiling = Profiling.off();
    private final Path asyncProfiler;
    private Kafka kafka;
    private HistoryDb db;
    private CpuMeter meter;
    private Workload workload;
    private List<TopicPartition> channelPartitions;
    private List<TopicPartition> contactPartitions;
    private List<TopicPartition> deadLetterPartitions;
    private List<TopicPartition> passThroughPartitions;

    private final String commitLabel;

    Benchmark(BenchSettings settings, StackShape shape, boolean sealing, Path home, Path dataDir, PrintStream out, String user,
              String password, String commitLabel, Path asyncProfiler) {
        this.shape = shape;
        this.sealing = sealing;
        this.commitLabel = commitLabel;
        this.asyncProfiler = asyncProfiler;
        this.settings = settings;
        this.home = home;
        this.dataDir = dataDir;
        this.out = out;
        this.user = user;
        this.password = password;
    }

    /** Runs everything and returns the report; the stack is stopped whatever happens. */
    Report run() {
        Report report = new Report(settings, shape, sealing, Machine.describe(home, commitLabel));
        Thread stopOnExit = new Thread(this::stop, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            startStack(report);
            warmUp(report);
            Cycle saturation = cycle("saturation", settings.events(), true);
            report.saturation(saturation);
            freshness(report);
            hotCustomer(report);
            if (settings.rebuild()) {
                rebuild(report, saturation);
            }
            growTo(settings.smallCustomers());
            Cycle small = cycle("cost at the small store", settings.costEvents(), false);
            timeline(report);
            growTo(settings.largeCustomers());
            Cycle large = cycle("cost at the large store", settings.costEvents(), false);
            report.cost(small, large);
            report.rss(peakRss());
            profiling.finish(db);
            report.elapsed(seconds());
            return report;
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }

    private void startStack(Report report) {
        out.printf("Starting the local stack (data in %s, logs in %s)%n", dataDir, dataDir.resolve("logs"));
        List<String> tuning = new ArrayList<>(List.of("shared_buffers = " + settings.sharedBuffers(), "max_wal_size = 4GB"));
        if (settings.profile()) {
            tuning.add("shared_preload_libraries = 'pg_stat_statements'");
        }
        // The launcher reads PERSONAL_DATA_SEALING (StackSettings) and hands it to the routers.
        stack = LocalStackProcess.start(home, dataDir, shape, tuning, settings.fullJit(),
                Map.of("ROUTER_CONCURRENCY", Integer.toString(settings.routerConcurrency()),
                        "OMNIROUTER_LOCAL_PASSWORD", password,
                        "PERSONAL_DATA_SEALING", Boolean.toString(sealing)), out);
        out.printf("  ready after %.0f s%n", seconds());
        kafka = new Kafka(stack.bootstrapServers());
        db = new HistoryDb();
        List<Long> routers = pids(stack.routers());
        List<Long> histories = pids(stack.histories());
        List<Long> brokers = pids(stack.brokers());
        long postmaster = stack.postmasterPid();
        long self = ProcessHandle.current().pid();
        // With several instances or brokers, a figure is the sum over all of them: the cost of the whole service.
        meter = new CpuMeter()
                .track("router", () -> cpuMillis(routers))
                .track("history", () -> cpuMillis(histories))
                .track("postgres", () -> ProcStats.treeCpuMillis(postmaster))
                .track("kafka", () -> cpuMillis(brokers))
                .track("bench", () -> ProcStats.cpuMillis(self, false));
        channelPartitions = kafka.partitions(Arrays.stream(ContractTopic.channels()).map(ContractTopic::topic).toList());
        contactPartitions = kafka.partitions(List.of(ContractTopic.CONTACT_EVENTS.topic()));
        deadLetterPartitions = kafka.partitions(Arrays.stream(ContractTopic.channels()).map(ContractTopic::deadLetterTopic).toList());
        kafka.createTopic(PassThrough.TOPIC, contactPartitions.size());
        passThroughPartitions = kafka.partitions(List.of(PassThrough.TOPIC));
        workload = new Workload(settings.seed(), settings.customers(), stack.bootstrapServers());
        report.postgres(db.setting("server_version"), db.setting("shared_buffers"), db.setting("synchronous_commit"),
                db.setting("fsync"));
        profiling = settings.profile() ? Profiling.start(stack, db, out, asyncProfiler) : Profiling.off();
    }

    /**
     * Backlogs through the router and the pass-through with the history paused, until a backlog no longer keeps
     * the router's JIT compiling (the JIT of router, broker and bench reaches its steady state at saturation: on
     * two cores one backlog is often not enough), then all of it through the history and its follow-up.
     */
    private void warmUp(Report report) {
        out.printf("Warm-up: %,d events through router and pass-through, more until the router's JIT is done,"
                + " then history and follow-up (not measured)%n", settings.warmupEvents());
        stack.pause(stack.histories());
        int sent = 0;
        int rounds = 0;
        long newlyCompiled;
        long compiled = routerCompilations();
        do {
            int backlog = rounds == 0 ? settings.warmupEvents() : settings.warmupEvents() / WARMUP_FURTHER_ROUND_DIVISOR;
            workload.preload(backlog);
            sent += backlog;
            awaitRouter(backlog);
            new PassThrough(stack.bootstrapServers(), settings.routerConcurrency(), channelPartitions)
                    .run(kafka.endOffsets(channelPartitions), PASS_THROUGH_TIMEOUT);
            long before = compiled;
            compiled = routerCompilations();
            newlyCompiled = compiled - before;
            rounds++;
            out.printf("  round %d: %,d events, %,d methods newly compiled by the router's JIT%n", rounds, backlog, newlyCompiled);
        } while (newlyCompiled > JIT_SETTLED_COMPILATIONS && rounds < settings.warmupRounds());
        stack.resume(stack.histories());
        awaitHistory(sent);
        awaitFollowUp();
        report.warmup(sent, rounds, newlyCompiled, db.contacts(), db.customers());
        out.printf("  done after %.0f s%n", seconds());
    }

    /** One backlog through router (and pass-through), then history (and raw insert); see the class comment. */
    private Cycle cycle(String name, int events, boolean baselines) {
        out.printf("%s: %,d events%n", capitalized(name), events);
        Cycle cycle = new Cycle(name, events);
        cycle.customersBefore = db.customers();
        cycle.contactsBefore = db.contacts();
        cycle.identifiersBefore = db.identifiers();
        cycle.storeBytes = db.storeBytes();
        long bulkCustomers = bulkLoader == null ? 0 : bulkLoader.customersLoaded();
        long bulkContacts = bulkLoader == null ? 0 : bulkLoader.contactsLoaded();
        cycle.pipelineCustomers = cycle.customersBefore - bulkCustomers;
        cycle.pipelineContacts = cycle.contactsBefore - bulkContacts;
        stack.pause(stack.histories());
        {
            Map<TopicPartition, Long> contactFrom = kafka.endOffsets(contactPartitions);
            Map<TopicPartition, Long> deadLetterFrom = kafka.endOffsets(deadLetterPartitions);
            long dataKeysBefore = db.dataKeys();
            profiling.begin(name + " router", stack.routers());
            cycle.preloaded = workload.preload(events);
            CpuMeter.Sample routerCpu = meter.start();
            awaitRouter(events);
            cycle.routerUsage = meter.since(routerCpu);
            profiling.end(name + " router", stack.routers());
            cycle.routerOutput = kafka.read(contactFrom, record -> { });
            cycle.deadLettered = kafka.read(deadLetterFrom, record -> { }).records();
            cycle.dataKeysCreated = dataKeysBefore < 0 ? -1 : db.dataKeys() - dataKeysBefore;
            out.printf("  router-service      %,10.0f events/s   (%,d contacts, %,d dead letters; %s)%n", cycle.routerPerSecond(),
                    cycle.routerOutput.records(), cycle.deadLettered, cycle.routerUsage.load());
            {
                // In every cycle: the router's and the pass-through's figures come in pairs, taken the same way.
                Map<TopicPartition, Long> passThroughFrom = kafka.endOffsets(passThroughPartitions);
                CpuMeter.Sample passThroughCpu = meter.start();
                cycle.passThroughCopied = new PassThrough(stack.bootstrapServers(), settings.routerConcurrency(), channelPartitions)
                        .run(kafka.endOffsets(channelPartitions), PASS_THROUGH_TIMEOUT);
                cycle.passThroughUsage = meter.since(passThroughCpu);
                cycle.passThrough = kafka.read(passThroughFrom, record -> { });
                out.printf("  Kafka pass-through  %,10.0f events/s   (%s)%n", cycle.passThrough.perSecond(), cycle.passThroughUsage.load());
            }
        }
        // Rows the history records from now on have recorded_at (their transaction's start) >= since.
        cycle.since = db.now();
        CpuMeter.Sample historyCpu = meter.start();
        stack.resume(stack.histories());
        // After resuming: a stopped JVM cannot be attached to.
        profiling.begin(name + " history", stack.histories());
        awaitHistory(events);
        cycle.historyUsage = meter.since(historyCpu);
        long followUpStart = System.nanoTime();
        cycle.followUpBacklog = db.followUpPending();
        awaitFollowUp();
        cycle.followUpSeconds = cycle.followUpBacklog > 0 ? (System.nanoTime() - followUpStart) / 1e9 : 0;
        cycle.totalUsage = meter.since(historyCpu);
        profiling.end(name + " history", stack.histories());
        cycle.recorded = db.recordedSince(cycle.since);
        cycle.customersAfter = db.customers();
        stack.checkAlive();
        out.printf("  history ingest      %,10.0f contacts/s (%,d contacts; %s)%n", cycle.recorded.perSecond(),
                cycle.recorded.contacts(), cycle.historyUsage.load());
        if (cycle.followUpBacklog > 0) {
            out.printf("  follow-up           %,d contacts still to apply after the ingest, applied in %.1f s more%n",
                    cycle.followUpBacklog, cycle.followUpSeconds);
        }
        out.printf("  per contact         %.3f CPU-ms of contact-history-service + PostgreSQL (ingest%s)%n", cycle.cpuMsPerContact(),
                cycle.followUpBacklog >= 0 ? " and follow-up" : "");
        if (baselines) {
            cycle.raw = new RawInsert(db).run(cycle.since, settings.rawBatch(), settings.rawConnections());
            out.printf("  raw COPY insert     %,10.0f rows/s     (%,d rows, %d rows per transaction, %d connections)%n",
                    cycle.raw.perSecond(), cycle.raw.rows(), cycle.raw.batchSize(), cycle.raw.connections());
        }
        return cycle;
    }

    private void freshness(Report report) {
        out.printf("Freshness: %,.0f events/s for %d s (+%d s warm-up, not counted)%n", settings.rate(), settings.freshnessSeconds(),
                settings.freshnessWarmupSeconds());
        ApiClient api = new ApiClient(user, password).withSession();
        profiling.begin("freshness", services());
        FreshnessProbe.Result result = new FreshnessProbe(api, meter).run(workload, settings.rate(),
                settings.freshnessWarmupSeconds(), settings.freshnessSeconds(), settings.samplesPerSecond(), settings.pollIntervalMs());
        profiling.end("freshness", services());
        stack.checkAlive(); // a figure taken while the stack went away is no figure
        report.freshness(result);
        out.printf("  p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms (%s, %,d counted; %s)%n",
                ms(result.micros().getValueAtPercentile(50)), ms(result.micros().getValueAtPercentile(99)),
                ms(result.micros().getValueAtPercentile(99.9)), ms(result.micros().getMaxValue()), result.method(),
                result.micros().getTotalCount(), result.usage().load());
        awaitRouter(0);
        awaitHistory(0);
        awaitFollowUp();
    }

    /**
     * One customer writing on every channel at {@code hotRate} while the rest of the traffic flows at {@code rate}: its
     * contacts meet in one customer whatever partition they arrive on, so this is where contention on a customer shows.
     */
    private void hotCustomer(Report report) {
        out.printf("Hot customer: one customer at %,.0f events/s, on top of %,.0f events/s of the others, for %d s (+%d s warm-up)%n",
                settings.hotRate(), settings.rate(), settings.freshnessSeconds(), settings.freshnessWarmupSeconds());
        ApiClient api = new ApiClient(user, password).withSession();
        profiling.begin("hot customer", services());
        FreshnessProbe.Result result;
        try (Workload hot = Workload.hotCustomer(settings.seed() + HOT_CUSTOMER_SEED, stack.bootstrapServers())) {
            result = new FreshnessProbe(api, meter).run(workload, settings.rate(), hot, settings.hotRate(),
                    settings.freshnessWarmupSeconds(), settings.freshnessSeconds(), settings.samplesPerSecond(), settings.pollIntervalMs());
        }
        profiling.end("hot customer", services());
        stack.checkAlive();
        report.hotCustomer(result, settings.hotRate());
        FreshnessProbe.Hot hot = result.hotCustomer().orElseThrow();
        out.printf("  hot customer: %,.0f events/s, p50 %.1f ms, p99 %.1f ms (%,d counted, %d customer ids); the others: p99 %.1f ms"
                        + " (%s)%n", hot.achievedRate(), ms(hot.micros().getValueAtPercentile(50)), ms(hot.micros().getValueAtPercentile(99)),
                hot.counted(), hot.customerIds(), ms(result.micros().getValueAtPercentile(99)), result.usage().load());
        awaitRouter(0);
        awaitHistory(0);
        awaitFollowUp();
    }

    /**
     * A rebuild of the history from the log (contact.events and agent.actions from offset 0) while the stack is idle:
     * what it costs in time per million contacts, next to what live ingest took for the same number at saturation.
     * Before the bulk loads, whose contacts are not on the log.
     */
    private void rebuild(Report report, Cycle saturation) {
        long contacts = db.contacts();
        out.printf("Rebuild: from offset 0, %,d contacts in the store%n", contacts);
        ApiClient ops = new ApiClient("ops", password).withBasic();
        profiling.begin("rebuild", stack.histories());
        CpuMeter.Sample cpu = meter.start();
        long start = System.nanoTime();
        RebuildRun run = RebuildRun.start(ops);
        RebuildRun.Status done = run.awaitFinished(STUCK, stack::checkAlive);
        double rebuildSeconds = (System.nanoTime() - start) / 1e9;
        awaitFollowUp();
        double withFollowUp = (System.nanoTime() - start) / 1e9;
        CpuMeter.Usage usage = meter.since(cpu);
        profiling.end("rebuild", stack.histories());
        stack.checkAlive();
        report.rebuild(done.contactsRecorded(), done.actionsApplied(), rebuildSeconds, withFollowUp, saturation.recorded.perSecond(), usage);
        out.printf("  %,d contacts and %,d actions in %.1f s (%.1f s with the follow-up derived again); %.0f s per million contacts (%s)%n",
                done.contactsRecorded(), done.actionsApplied(), rebuildSeconds, withFollowUp,
                done.contactsRecorded() == 0 ? 0 : withFollowUp / done.contactsRecorded() * 1e6, usage.load());
    }

    private void timeline(Report report) {
        long contacts = db.contacts();
        if (contacts < settings.storeContacts()) {
            long missing = settings.storeContacts() - contacts;
            out.printf("Bulk load (COPY): %,d contacts over new customers (%d each on average)%n", missing, settings.contactsPerBulkCustomer());
            BulkLoader.Loaded loaded = loader().contactsOverNewCustomers(missing, settings.contactsPerBulkCustomer());
            out.printf("  %,d customers, %,d identifiers, %,d contacts in %.0f s%n", loaded.customers(), loaded.identifiers(),
                    loaded.contacts(), loaded.seconds());
        }
        db.settle(true);
        long storeContacts = db.contacts();
        long storeCustomers = db.customers();
        List<UUID> customers = db.sampleCustomers(Math.min(50_000, settings.timelineWarmup() + settings.timelineRequests()));
        out.printf("Timeline: %,d + %,d warm-up first-page requests, %,d contacts of %,d customers in the store%n",
                settings.timelineRequests(), settings.timelineWarmup(), storeContacts, storeCustomers);
        ApiClient session = new ApiClient(user, password).withSession();
        profiling.begin("timeline", stack.histories());
        TimelineProbe.Result result = new TimelineProbe().run(session, customers, settings.timelineWarmup(), settings.timelineRequests(), meter);
        profiling.end("timeline", stack.histories());
        stack.checkAlive();
        out.printf("  p50 %.2f ms, p99 %.2f ms (%s authentication, %.1f items per page; %s)%n",
                ms(result.micros().getValueAtPercentile(50)), ms(result.micros().getValueAtPercentile(99)), result.auth(),
                result.meanItems(), result.usage().load());
        TimelineProbe.Result basic = null;
        if (settings.basicRequests() > 0) {
            ApiClient script = new ApiClient(user, password).withBasic();
            if (script.auth() == ApiClient.Auth.BASIC && session.auth() != ApiClient.Auth.BASIC) {
                basic = new TimelineProbe().run(script, customers, settings.basicWarmup(), settings.basicRequests(), meter);
                out.printf("  with HTTP Basic on every request: p50 %.2f ms, p99 %.2f ms (%,d requests; %s)%n",
                        ms(basic.micros().getValueAtPercentile(50)), ms(basic.micros().getValueAtPercentile(99)), basic.requests(),
                        basic.usage().load());
            }
        }
        report.timeline(result, basic, storeContacts, storeCustomers, db.storeBytes(), db.databaseBytes());
    }

    private void growTo(long customers) {
        long current = db.customers();
        if (current < customers) {
            out.printf("Bulk load (COPY): %,d customers with one contact each%n", customers - current);
            BulkLoader.Loaded loaded = loader().customersWithOneContact(customers - current);
            out.printf("  %,d customers, %,d identifiers, %,d contacts in %.0f s%n", loaded.customers(), loaded.identifiers(),
                    loaded.contacts(), loaded.seconds());
        }
        db.settle(true);
    }

    private BulkLoader bulkLoader;

    private BulkLoader loader() {
        if (bulkLoader == null) {
            bulkLoader = new BulkLoader(db, settings.seed() + 1);
        }
        return bulkLoader;
    }

    /** Peak RSS in MB of each service, of the brokers and of the registry; summed over instances and brokers. */
    private Map<String, Long> peakRss() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put(LocalStack.ROUTER, peakRssMb(stack.routers()));
        rss.put(LocalStack.HISTORY, peakRssMb(stack.histories()));
        rss.put(Report.KAFKA, peakRssMb(stack.brokers()));
        rss.put(LocalStack.REGISTRY, peakRssMb(List.of(LocalStack.REGISTRY)));
        return rss;
    }

    private long peakRssMb(List<String> parts) {
        return parts.stream().mapToLong(part -> ProcStats.peakRssKb(stack.pid(part)).orElse(0)).sum() / 1024;
    }

    private List<Long> pids(List<String> parts) {
        return parts.stream().map(stack::pid).toList();
    }

    private static long cpuMillis(List<Long> pids) {
        return pids.stream().mapToLong(pid -> ProcStats.cpuMillis(pid, false)).sum();
    }

    /** Methods the JIT compiled so far, over all router instances. */
    private long routerCompilations() {
        return stack.routers().stream().mapToLong(router -> Jcmd.compilations(stack.pid(router))).sum();
    }

    private List<String> services() {
        List<String> services = new ArrayList<>(stack.routers());
        services.addAll(stack.histories());
        return services;
    }

    private void awaitRouter(int events) {
        kafka.awaitDrained(ROUTER_GROUP, channelPartitions, STUCK, stack::checkAlive,
                stack.log(stack.routers().get(0)).toString());
    }

    private void awaitFollowUp() {
        db.awaitFollowUp(STUCK, stack::checkAlive, stack.log(stack.histories().get(0)).toString());
    }

    private void awaitHistory(int events) {
        kafka.awaitDrained(HISTORY_GROUP, contactPartitions, STUCK, stack::checkAlive,
                stack.log(stack.histories().get(0)).toString());
    }


    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void stop() {
        if (workload != null) {
            workload.close();
            workload = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (stack != null) {
            stack.close();
        }
    }

    static double ms(double micros) {
        return micros / 1000.0;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** What one backlog cycle measured. */
    static final class Cycle {
        final String name;
        final int events;
        long customersBefore;
        long customersAfter;
        /** Customers and contacts that came through the pipeline (not bulk-loaded): the simulated population's history. */
        long pipelineCustomers;
        long pipelineContacts;
        long contactsBefore;
        long identifiersBefore;
        long storeBytes;
        Workload.Preloaded preloaded;
        CpuMeter.Usage routerUsage;
        Kafka.Written routerOutput;
        long deadLettered;
        /** Data keys the router created for the backlog: one per contact when it seals, none without; -1 if no such table. */
        long dataKeysCreated;
        long passThroughCopied;
        CpuMeter.Usage passThroughUsage;
        Kafka.Written passThrough;
        Instant since;
        CpuMeter.Usage historyUsage;
        /** From resuming the history until it has also applied the follow-up of every contact. */
        CpuMeter.Usage totalUsage;
        long followUpBacklog;
        double followUpSeconds;
        HistoryDb.Recorded recorded;
        RawInsert.Result raw;

        Cycle(String name, int events) {
            this.name = name;
            this.events = events;
        }

        /** Outputs (contacts and dead letters) from the first to the last output record's timestamp. */
        double routerPerSecond() {
            long span = routerOutput.lastTimestamp() - routerOutput.firstTimestamp();
            return span <= 0 ? 0 : (routerOutput.records() + deadLettered) * 1000.0 / span;
        }

        /** CPU of contact-history-service and PostgreSQL per contact: ingest and follow-up, all the work a contact causes. */
        double cpuMsPerContact() {
            long contacts = recorded.contacts();
            return contacts == 0 ? 0 : (totalUsage.cpuMs("history") + totalUsage.cpuMs("postgres")) / (double) contacts;
        }
    }

    static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new BenchException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
