package io.omnirouter.bench;

import io.omnirouter.local.LocalStack;
import io.omnirouter.local.StackShape;
import io.omnirouter.local.Machine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

/**
 * The results of a run: the JSON file (top-level keys any tool can compare across runs, details below) and
 * the table for the terminal, each measurement next to its limit and target.
 */
final class Report {

    /** The keys every result file has at its top level, always numeric. */
    static final List<String> KEYS = List.of("router_events_per_s", "passthrough_events_per_s", "ingest_contacts_per_s",
            "raw_insert_rows_per_s", "freshness_p50_ms", "freshness_p99_ms", "timeline_p50_ms", "timeline_p99_ms",
            "cost_ratio_1m_vs_10k", "rebuild_s_per_million_contacts", "router_rss_mb", "history_rss_mb", "freshness_p999_ms",
            "hot_customer_events_per_s", "hot_customer_freshness_p99_ms", "timeline_store_contacts", "cost_large_customers");

    /** The key of the brokers' summed peak RSS. */
    static final String KAFKA = "kafka";

    static final double ROUTER_TARGET = 0.5;
    static final double INGEST_TARGET = 0.3;
    static final double FRESHNESS_P99_TARGET_MS = 100;
    static final double FRESHNESS_P999_TARGET_MS = 250;
    static final double FRESHNESS_RATE = 1000;
    static final double HOT_CUSTOMER_RATE = 500;
    static final double HOT_CUSTOMER_P99_TARGET_MS = 250;
    static final double TIMELINE_P99_TARGET_MS = 5;
    /** The store sizes the timeline and cost targets are set at. */
    static final long TARGET_STORE = 10_000_000;
    static final double COST_RATIO_TARGET = 1.2;
    static final long RSS_TARGET_MB = 512;

    private final BenchSettings settings;
    private final StackShape shape;
    private final boolean sealing;
    private final Machine machine;
    private final Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Map<String, Object> top = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final Map<String, Boolean> met = new LinkedHashMap<>();
    private int warmupEvents;

    Report(BenchSettings settings, StackShape shape, boolean sealing, Machine machine) {
        this.settings = settings;
        this.shape = shape;
        this.sealing = sealing;
        this.machine = machine;
        top.put("date", date.toString());
        top.put("commit", machine.commit());
        top.put("commit_dirty", machine.dirty());
        top.put("mode", settings.mode());
        // Figures of several instances or brokers are sums over all of them (CPU, RSS); throughput is the service's.
        top.put("kafka_brokers", shape.brokers());
        top.put("instances_per_service", shape.instances());
        // Off (PERSONAL_DATA_SEALING=false) only in the second run of --compare-sealing.
        top.put("router_sealing", sealing);
        top.put("machine", machine.toJson());
        for (String key : KEYS) {
            top.put(key, null);
        }
    }

    void postgres(String version, String sharedBuffers, String synchronousCommit, String fsync) {
        Map<String, Object> pg = new LinkedHashMap<>();
        pg.put("server_version", version);
        pg.put("shared_buffers", sharedBuffers);
        pg.put("synchronous_commit", synchronousCommit);
        pg.put("fsync", fsync);
        details.put("postgres", pg);
    }

    void warmup(int events, int rounds, long lastRoundCompilations, long contacts, long customers) {
        warmupEvents = events;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", events);
        json.put("router_rounds", rounds);
        json.put("router_methods_compiled_in_last_round", lastRoundCompilations);
        json.put("contacts_after", contacts);
        json.put("customers_after", customers);
        json.put("note", "sent through router, history and the pass-through before any measurement; not measured");
        details.put("warmup", json);
    }

    void saturation(Benchmark.Cycle cycle) {
        double router = cycle.routerPerSecond();
        double passThrough = cycle.passThrough.perSecond();
        double ingest = cycle.recorded.perSecond();
        double raw = cycle.raw.perSecond();
        top.put("router_events_per_s", round(router, 0));
        top.put("passthrough_events_per_s", round(passThrough, 0));
        top.put("router_vs_passthrough", round(ratio(router, passThrough), 3));
        top.put("ingest_contacts_per_s", round(ingest, 0));
        top.put("raw_insert_rows_per_s", round(raw, 0));
        top.put("ingest_vs_raw_insert", round(ratio(ingest, raw), 3));
        details.put("saturation", cycleJson(cycle));
        met.put("router", ratio(router, passThrough) >= ROUTER_TARGET);
        met.put("ingest", ratio(ingest, raw) >= INGEST_TARGET);
        rows.add(row("Router throughput", String.format(Locale.ROOT, "%,.0f events/s", router),
                String.format(Locale.ROOT, "Kafka pass-through %,.0f/s", passThrough), percent(ratio(router, passThrough)),
                "≥ 50%", met.get("router"), cycle.routerUsage.load()));
        rows.add(row("History ingest", String.format(Locale.ROOT, "%,.0f contacts/s", ingest),
                String.format(Locale.ROOT, "raw COPY insert %,.0f rows/s", raw), percent(ratio(ingest, raw)), "≥ 30%",
                met.get("ingest"), cycle.historyUsage.load()));
    }

    void freshness(FreshnessProbe.Result result) {
        Histogram h = result.micros();
        double p50 = h.getValueAtPercentile(50) / 1000.0;
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        double p999 = h.getValueAtPercentile(99.9) / 1000.0;
        double max = h.getMaxValue() / 1000.0;
        top.put("freshness_p50_ms", round(p50, 1));
        top.put("freshness_p99_ms", round(p99, 1));
        top.put("freshness_p999_ms", round(p999, 1));
        top.put("freshness_max_ms", round(max, 1));
        // The whole machine's CPU (services, engines, the bench's own publisher and client) per event published.
        CpuMeter.Usage usage = result.usage();
        top.put("freshness_cpu_ms_per_event", round(usage.busyCores() * usage.seconds() * 1000 / Math.max(1, result.published()), 3));
        // And each process's: where the CPU of an event goes.
        Map<String, Object> perProcess = new LinkedHashMap<>();
        usage.cpuMs().forEach((process, ms) -> perProcess.put(process, round(ms / (double) Math.max(1, result.published()), 3)));
        top.put("cpu_ms_per_event", perProcess);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rate_per_s", settings.rate());
        json.put("achieved_rate_per_s", round(result.achievedRate(), 1));
        json.put("publisher_max_schedule_lag_ms", result.maxScheduleLagMs());
        json.put("events_published", result.published());
        json.put("visibility", result.method());
        json.put("counted", h.getTotalCount());
        json.put("delivered_or_visible", result.received());
        json.put("missing_or_timed_out", result.missing());
        if (result.resolutionMs() > 0) {
            json.put("polling_resolution_ms", round(result.resolutionMs(), 1));
        }
        if (result.reconnects() > 0) {
            json.put("stream_reconnects", result.reconnects());
        }
        json.put("p50_ms", round(p50, 1));
        json.put("p90_ms", round(h.getValueAtPercentile(90) / 1000.0, 1));
        json.put("p99_ms", round(p99, 1));
        json.put("p999_ms", round(h.getValueAtPercentile(99.9) / 1000.0, 1));
        json.put("max_ms", round(max, 1));
        json.put("mean_ms", round(h.getMean() / 1000.0, 1));
        json.put("warmup", "the first " + settings.freshnessWarmupSeconds() + " s of traffic are not counted");
        json.put("note", "from occurredAt (event time, truncated to ms) to the moment the API showed the event: its arrival on"
                + " /api/stream, or (polling) the middle of the first timeline request that showed it");
        json.put("load", result.usage().toJson());
        details.put("freshness", json);
        met.put("freshness", p99 <= FRESHNESS_P99_TARGET_MS && p999 <= FRESHNESS_P999_TARGET_MS && settings.rate() >= FRESHNESS_RATE);
        rows.add(row(String.format(Locale.ROOT, "Freshness at %,.0f events/s", settings.rate()),
                String.format(Locale.ROOT, "p50 %s, p99 %s, p999 %s", millis(p50), millis(p99), millis(p999)),
                result.method().startsWith("polling") ? "visible by polling timelines" : "visible on /api/stream", "",
                "p99 ≤ 100, p999 ≤ 250 ms at 1,000/s", met.get("freshness"), result.usage().load()));
    }

    /** The hot-customer phase: one customer's traffic on every channel while the rest flows at the freshness rate. */
    void hotCustomer(FreshnessProbe.Result result, double hotRate) {
        FreshnessProbe.Hot hot = result.hotCustomer().orElseThrow();
        Histogram h = hot.micros();
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        Histogram others = result.micros();
        top.put("hot_customer_events_per_s", round(hot.achievedRate(), 0));
        top.put("hot_customer_freshness_p99_ms", round(p99, 1));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rate_per_s", hotRate);
        json.put("events_published", hot.published());
        json.put("achieved_rate_per_s", round(hot.achievedRate(), 1));
        json.put("counted", hot.counted());
        json.put("customer_ids", hot.customerIds());
        json.put("p50_ms", round(h.getValueAtPercentile(50) / 1000.0, 1));
        json.put("p99_ms", round(p99, 1));
        json.put("p999_ms", round(h.getValueAtPercentile(99.9) / 1000.0, 1));
        json.put("max_ms", round(h.getMaxValue() / 1000.0, 1));
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("rate_per_s", settings.rate());
        rest.put("achieved_rate_per_s", round(result.achievedRate(), 1));
        rest.put("counted", others.getTotalCount());
        rest.put("missing", result.missing());
        rest.put("p50_ms", round(others.getValueAtPercentile(50) / 1000.0, 1));
        rest.put("p99_ms", round(others.getValueAtPercentile(99) / 1000.0, 1));
        rest.put("p999_ms", round(others.getValueAtPercentile(99.9) / 1000.0, 1));
        json.put("other_traffic", rest);
        json.put("note", "one simulated person (a population of one, all channels) published open-loop on top of the other traffic;"
                + " its contacts are those the stream attributes to the customer ids its identifiers resolve to (looked up once a"
                + " second) or merges join to them");
        json.put("load", result.usage().toJson());
        details.put("hot_customer", json);
        met.put("hot_customer", p99 <= HOT_CUSTOMER_P99_TARGET_MS && hot.achievedRate() >= HOT_CUSTOMER_RATE * 0.98
                && result.achievedRate() >= FRESHNESS_RATE * 0.98);
        rows.add(row(String.format(Locale.ROOT, "Hot customer at %,.0f events/s", hot.achievedRate()),
                String.format(Locale.ROOT, "p50 %s, p99 %s", millis(h.getValueAtPercentile(50) / 1000.0), millis(p99)),
                String.format(Locale.ROOT, "others at %,.0f/s: p99 %s", result.achievedRate(),
                        millis(others.getValueAtPercentile(99) / 1000.0)), "", "p99 ≤ 250 ms at 500/s", met.get("hot_customer"),
                result.usage().load()));
    }

    void timeline(TimelineProbe.Result result, TimelineProbe.Result basic, long contacts, long customers, long storeBytes,
                  long databaseBytes) {
        double p50 = result.micros().getValueAtPercentile(50) / 1000.0;
        double p99 = result.micros().getValueAtPercentile(99) / 1000.0;
        top.put("timeline_p50_ms", round(p50, 2));
        top.put("timeline_p99_ms", round(p99, 2));
        top.put("timeline_store_contacts", contacts);
        Map<String, Object> json = new LinkedHashMap<>(timelineJson(result));
        json.put("store_contacts", contacts);
        json.put("store_customers", customers);
        json.put("store_mb", storeBytes / (1024 * 1024));
        // Everything on disk: contacts, customers, identifiers, tasks, the as-of history, the change log, indexes.
        json.put("database_mb", databaseBytes / (1024 * 1024));
        json.put("note", "GET /api/customers/{id}/timeline?limit=" + TimelineProbe.PAGE + " for random customers, one request after"
                + " the other over keep-alive; store bulk-loaded with COPY, VACUUM ANALYZE, pg_prewarm");
        if (basic != null) {
            json.put("http_basic", timelineJson(basic));
            top.put("timeline_basic_p50_ms", round(basic.micros().getValueAtPercentile(50) / 1000.0, 2));
            top.put("timeline_basic_p99_ms", round(basic.micros().getValueAtPercentile(99) / 1000.0, 2));
        }
        details.put("timeline", json);
        met.put("timeline", p99 <= TIMELINE_P99_TARGET_MS && contacts >= TARGET_STORE);
        rows.add(row(String.format(Locale.ROOT, "Timeline page, %,d contacts", contacts),
                String.format(Locale.ROOT, "p50 %s, p99 %s", millis(p50), millis(p99)), result.auth() + " authentication", "",
                "p99 ≤ 5 ms at 10M", met.get("timeline"), result.usage().load()));
        if (basic != null) {
            double bp50 = basic.micros().getValueAtPercentile(50) / 1000.0;
            double bp99 = basic.micros().getValueAtPercentile(99) / 1000.0;
            rows.add(row("  same, HTTP Basic per request", String.format(Locale.ROOT, "p50 %s, p99 %s", millis(bp50), millis(bp99)),
                    String.format(Locale.ROOT, "%,d requests", basic.requests()), "", "", bp99 <= TIMELINE_P99_TARGET_MS && contacts >= TARGET_STORE,
                    basic.usage().load()));
        }
    }

    void cost(Benchmark.Cycle small, Benchmark.Cycle large) {
        double ratio = ratio(large.cpuMsPerContact(), small.cpuMsPerContact());
        // The key's name is historical: the ratio is the large store (cost_large_customers) against the small one.
        top.put("cost_ratio_1m_vs_10k", round(ratio, 3));
        top.put("cost_large_customers", large.customersBefore);
        top.put("cost_throughput_ratio_1m_vs_10k", round(ratio(small.recorded.perSecond(), large.recorded.perSecond()), 3));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metric", "CPU ms of contact-history-service + PostgreSQL per contact, ingest and follow-up, at saturation (same"
                + " population, same traffic); the ratio is large store / small store");
        json.put("small_store", cycleJson(small));
        json.put("large_store", cycleJson(large));
        details.put("cost", json);
        met.put("cost", ratio <= COST_RATIO_TARGET && large.customersBefore >= TARGET_STORE);
        rows.add(row(String.format(Locale.ROOT, "Cost/event, %s vs %s customers", count(large.customersBefore), count(small.customersBefore)),
                String.format(Locale.ROOT, "%.3f vs %.3f CPU-ms/contact", large.cpuMsPerContact(), small.cpuMsPerContact()),
                String.format(Locale.ROOT, "ingest %,.0f vs %,.0f/s", large.recorded.perSecond(), small.recorded.perSecond()),
                String.format(Locale.ROOT, "%.2f×", ratio), "≤ 1.2×", met.get("cost"), large.historyUsage.load()));
    }

    /**
     * @param seconds            from the POST to SUCCEEDED (the switch included)
     * @param withFollowUp       until the follow-up derived every customer's tasks again too: the figure per million
     * @param ingestPerSecond    live ingest at saturation, the same machine's reference for recording contacts
     */
    void rebuild(long contacts, long actions, double seconds, double withFollowUp, double ingestPerSecond, CpuMeter.Usage usage) {
        double perMillion = contacts == 0 ? 0 : withFollowUp / contacts * 1e6;
        double ingestPerMillion = ingestPerSecond == 0 ? 0 : 1e6 / ingestPerSecond;
        top.put("rebuild_s_per_million_contacts", round(perMillion, 0));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("contacts", contacts);
        json.put("actions", actions);
        json.put("rebuild_s", round(seconds, 1));
        json.put("with_follow_up_s", round(withFollowUp, 1));
        json.put("live_ingest_s_per_million_contacts", round(ingestPerMillion, 0));
        json.put("cpu_ms", usage.cpuMs());
        json.put("note", "POST /api/ops/rebuild on an idle stack, until SUCCEEDED and the follow-up derived every customer again;"
                + " scaled linearly to a million contacts");
        details.put("rebuild", json);
        rows.add(row(String.format(Locale.ROOT, "Rebuild, %s contacts", count(contacts)),
                String.format(Locale.ROOT, "%,.0f s per million contacts", perMillion),
                String.format(Locale.ROOT, "live ingest %,.0f s per million", ingestPerMillion), String.format(Locale.ROOT, "%.2f×",
                        ratio(perMillion, ingestPerMillion)), "", null, usage.load()));
    }

    void rss(Map<String, Long> peakMb) {
        top.put("router_rss_mb", peakMb.get(LocalStack.ROUTER));
        top.put("history_rss_mb", peakMb.get(LocalStack.HISTORY));
        Map<String, Object> json = new LinkedHashMap<>(peakMb);
        details.put("peak_rss_mb", json);
        // Per instance: with several, the figure is their sum (instances_per_service).
        met.put("rss", peakMb.get(LocalStack.ROUTER) <= RSS_TARGET_MB * shape.instances()
                && peakMb.get(LocalStack.HISTORY) <= RSS_TARGET_MB * shape.instances());
        rows.add(row("Peak RSS (VmHWM)", String.format(Locale.ROOT, "router %,d MB, history %,d MB", peakMb.get(LocalStack.ROUTER),
                peakMb.get(LocalStack.HISTORY)), String.format(Locale.ROOT, "Kafka %,d MB, registry %,d MB",
                peakMb.get(KAFKA), peakMb.get(LocalStack.REGISTRY)), "", "≤ 512 MB each", met.get("rss"), ""));
    }

    void elapsed(double seconds) {
        details.put("elapsed_s", round(seconds, 0));
    }

    /** A top-level figure ({@link #KEYS} and the other top-level numbers), or null if the run did not measure it. */
    Object figure(String key) {
        return top.get(key);
    }

    /** A figure of the details, by its path ({@code saturation}, {@code router}, {@code cpu_ms_per_event}); null if none. */
    Object detail(String... path) {
        Object at = details;
        for (String step : path) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(step);
        }
        return at;
    }

    StackShape shape() {
        return shape;
    }

    boolean sealing() {
        return sealing;
    }

    /** What sealing costs, measured in the same {@code --compare-sealing} run: {@link SealingCost#json}. */
    void sealingCost(Map<String, Object> json) {
        top.put("sealing_cost", json);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(top);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("router_vs_passthrough_min", ROUTER_TARGET);
        targets.put("ingest_vs_raw_insert_min", INGEST_TARGET);
        targets.put("freshness_p99_ms_max", FRESHNESS_P99_TARGET_MS);
        targets.put("freshness_p999_ms_max", FRESHNESS_P999_TARGET_MS);
        targets.put("hot_customer_events_per_s_min", HOT_CUSTOMER_RATE);
        targets.put("hot_customer_freshness_p99_ms_max", HOT_CUSTOMER_P99_TARGET_MS);
        targets.put("timeline_p99_ms_max", TIMELINE_P99_TARGET_MS);
        targets.put("timeline_store_contacts_min", TARGET_STORE);
        targets.put("cost_ratio_max", COST_RATIO_TARGET);
        targets.put("cost_large_customers_min", TARGET_STORE);
        targets.put("service_rss_mb_max", RSS_TARGET_MB);
        targets.put("met", met);
        json.put("targets", targets);
        json.put("settings", settings.toJson());
        json.put("details", details);
        return json;
    }

    /** {@code <results>/<date>-<commit>[-mode][-shape][-clear].json} */
    Path write(Path resultsDir) {
        String day = DateTimeFormatter.ISO_LOCAL_DATE.format(date.atOffset(ZoneOffset.UTC));
        String suffix = (settings.mode().equals("full") ? "" : "-" + settings.mode())
                + (shape.equals(StackShape.LAPTOP) ? "" : "-" + shape.brokers() + "b" + shape.instances() + "i")
                + (sealing ? "" : "-clear");
        Path file = resultsDir.resolve(day + "-" + machine.commit() + suffix + ".json");
        try {
            String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json());
            Benchmark.writeFile(file, text + System.lineSeparator());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BenchException("Could not write the results: " + e.getMessage(), e);
        }
        return file;
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Omnirouter benchmark (%s run), %s, commit %s%s%n", settings.mode(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(date.atOffset(ZoneOffset.UTC)), machine.commit(),
                machine.dirty() ? " + uncommitted changes" : "");
        out.println("Machine: " + machine.summary());
        out.println("Services " + (settings.fullJit() ? "with the full JIT (C2)" : "with C1 only, as ./omnirouter up starts them")
                + (sealing ? "" : "; routers NOT sealing personal data (PERSONAL_DATA_SEALING=false)")
                + "; PostgreSQL " + pg("server_version") + ", shared_buffers " + pg("shared_buffers") + ", synchronous_commit "
                + pg("synchronous_commit") + ", fsync " + pg("fsync"));
        out.println();
        String[] header = {"Measure", "Omnirouter", "Limit / how", "Ratio", "Target", "", "Load"};
        int[] width = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format(Locale.ROOT, i == 3 ? "%" + width[i] + "s" : "%-" + width[i] + "s", r[i]));
                line.append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        out.println("Warm-up excluded everywhere: " + warmupEvents + " events (until the router's JIT was done) before any throughput figure, the first "
                + settings.freshnessWarmupSeconds() + " s of the freshness run, the first " + settings.timelineWarmup()
                + " timeline requests. Load = average busy cores of the machine while the figure was taken.");
    }

    private String pg(String key) {
        Object pg = details.get("postgres");
        return pg instanceof Map<?, ?> map && map.get(key) != null ? map.get(key).toString() : "?";
    }

    private Map<String, Object> timelineJson(TimelineProbe.Result result) {
        Histogram h = result.micros();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("authentication", result.auth());
        json.put("requests", result.requests());
        json.put("warmup_requests", result.warmup());
        json.put("errors", result.errors());
        json.put("mean_items_per_page", round(result.meanItems(), 1));
        json.put("p50_ms", round(h.getValueAtPercentile(50) / 1000.0, 3));
        json.put("p90_ms", round(h.getValueAtPercentile(90) / 1000.0, 3));
        json.put("p99_ms", round(h.getValueAtPercentile(99) / 1000.0, 3));
        json.put("p999_ms", round(h.getValueAtPercentile(99.9) / 1000.0, 3));
        json.put("max_ms", round(h.getMaxValue() / 1000.0, 3));
        json.put("load", result.usage().toJson());
        return json;
    }

    private static Map<String, Object> cycleJson(Benchmark.Cycle cycle) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", cycle.events);
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("customers", cycle.customersBefore);
        store.put("contacts", cycle.contactsBefore);
        store.put("identifiers", cycle.identifiersBefore);
        store.put("mb", cycle.storeBytes / (1024 * 1024));
        store.put("pipeline_customers", cycle.pipelineCustomers);
        store.put("pipeline_contacts_per_pipeline_customer", round(cycle.pipelineContacts / (double) Math.max(1, cycle.pipelineCustomers), 1));
        json.put("store_before", store);
        json.put("preload_events_per_s", round(cycle.preloaded.perSecond(), 0));
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("events_per_s", round(cycle.routerPerSecond(), 0));
        router.put("contacts", cycle.routerOutput.records());
        router.put("dead_letters", cycle.deadLettered);
        router.put("data_keys_created", cycle.dataKeysCreated);
        router.put("seconds_first_to_last_output", round(cycle.routerOutput.seconds(), 2));
        router.put("cpu_ms_per_event", round(cycle.routerUsage.cpuMs("router") / (double) Math.max(1, cycle.events), 4));
        router.put("load", cycle.routerUsage.toJson());
        json.put("router", router);
        if (cycle.passThrough != null) {
            router.put("vs_passthrough", round(ratio(cycle.routerPerSecond(), cycle.passThrough.perSecond()), 3));
            Map<String, Object> passThrough = new LinkedHashMap<>();
            passThrough.put("events_per_s", round(cycle.passThrough.perSecond(), 0));
            passThrough.put("records", cycle.passThrough.records());
            passThrough.put("seconds_first_to_last_output", round(cycle.passThrough.seconds(), 2));
            passThrough.put("note", "consume the channel records, produce them unchanged to " + PassThrough.TOPIC
                    + "; read_committed, one transaction per poll of <= " + PassThrough.MAX_POLL_RECORDS
                    + " with the offsets, acks=all, idempotent, linger.ms=5, as many threads as the router's concurrency");
            passThrough.put("load", cycle.passThroughUsage.toJson());
            json.put("passthrough", passThrough);
        }
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("contacts_per_s", round(cycle.recorded.perSecond(), 0));
        ingest.put("contacts", cycle.recorded.contacts());
        ingest.put("seconds_first_to_last_transaction", round(cycle.recorded.seconds(), 2));
        ingest.put("customers_created", cycle.customersAfter - cycle.customersBefore);
        long contacts = Math.max(1, cycle.recorded.contacts());
        ingest.put("cpu_ms_per_contact_ingest", round((cycle.historyUsage.cpuMs("history") + cycle.historyUsage.cpuMs("postgres"))
                / (double) contacts, 4));
        ingest.put("load", cycle.historyUsage.toJson());
        json.put("history_ingest", ingest);
        Map<String, Object> followUp = new LinkedHashMap<>();
        followUp.put("contacts_not_applied_when_ingest_finished", cycle.followUpBacklog);
        followUp.put("seconds_to_apply_them", round(cycle.followUpSeconds, 2));
        followUp.put("note", cycle.followUpBacklog < 0 ? "this version of the service has no follow-up stage"
                : "the follow-up (tasks, SLA clocks) applies stored contacts in the background after the ingest");
        json.put("follow_up", followUp);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("cpu_ms_per_contact", round(cycle.cpuMsPerContact(), 4));
        cost.put("history_cpu_ms_per_contact", round(cycle.totalUsage.cpuMs("history") / (double) contacts, 4));
        cost.put("postgres_cpu_ms_per_contact", round(cycle.totalUsage.cpuMs("postgres") / (double) contacts, 4));
        cost.put("note", "CPU of contact-history-service and PostgreSQL from resuming the history until ingest and follow-up were done");
        cost.put("load", cycle.totalUsage.toJson());
        json.put("cost_per_contact", cost);
        if (cycle.raw != null) {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("rows_per_s", round(cycle.raw.perSecond(), 0));
            raw.put("rows", cycle.raw.rows());
            raw.put("seconds", round(cycle.raw.seconds(), 2));
            raw.put("rows_per_transaction", cycle.raw.batchSize());
            raw.put("connections", cycle.raw.connections());
            raw.put("note", "the same contact rows, binary COPY into a scratch table LIKE contact INCLUDING ALL plus its foreign key");
            json.put("raw_insert", raw);
        }
        return json;
    }

    private static String[] row(String measure, String value, String limit, String ratio, String target, Boolean ok, String load) {
        return new String[] {measure, value, limit, ratio, target, ok == null ? "" : ok ? "met" : "MISSED", load};
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    private static String millis(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : ms >= 10 ? String.format(Locale.ROOT, "%.1f ms", ms)
                : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private static String count(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6) : n >= 1000 ? String.format(Locale.ROOT, "%.0fk", n / 1e3)
                : Long.toString(n);
    }
}
