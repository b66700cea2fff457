package io.omnirouter.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of one benchmark run. {@link #full()} is the default run (fits in ~20 minutes on a 2-core machine),
 * {@link #quick()} the one-minute smoke run ({@code --quick}), {@link #smoke()} the CI-sized one.
 *
 * @param customers            the simulated population all traffic comes from; at most {@link #MAX_POPULATION}
 * @param warmupEvents         sent through router and history (and the pass-through) before anything is measured
 * @param events               backlog for the saturation measurements (router, pass-through, ingest, raw insert)
 * @param costEvents           backlog of each per-event cost measurement (small store, large store)
 * @param rate                 freshness: events per second, open loop
 * @param hotRate              the hot-customer phase: one customer's events per second, on top of {@code rate} of the rest
 * @param storeContacts        contacts in the store for the timeline measurement (bulk-loaded up to this)
 * @param smallCustomers       customers in the store for the first cost measurement (bulk-loaded up to this)
 * @param largeCustomers       customers in the store for the second cost measurement (bulk-loaded up to this)
 * @param warmupRounds         at most this many warm-up rounds, more while the router's JIT still compiles much
 * @param rebuild              whether to measure a rebuild from the log (about a quarter of an hour per 600,000 contacts)
 */
record BenchSettings(String mode, int customers, int warmupEvents, int events, int costEvents,
                     double rate, double hotRate, int freshnessWarmupSeconds, int freshnessSeconds, int samplesPerSecond, int pollIntervalMs,
                     long storeContacts, int contactsPerBulkCustomer, long smallCustomers, long largeCustomers,
                     int timelineWarmup, int timelineRequests, int basicWarmup, int basicRequests,
                     int rawBatch, int rawConnections, int routerConcurrency, String sharedBuffers, boolean fullJit,
                     int warmupRounds, boolean profile, long seed, boolean rebuild) {

    BenchSettings {
        if (customers > MAX_POPULATION) {
            throw new BenchException("--customers " + customers + ": the simulator cannot build more than about 4,500 distinct"
                    + " customers (its UK phone range has 1,000 numbers); the stores are grown to --small-customers and"
                    + " --large-customers with bulk-loaded customers instead. At most " + MAX_POPULATION + ".");
        }
    }

    /** contact-history-service's spring.kafka.consumer.max-poll-records and omnirouter.history.ingest.concurrency. */
    static final int HISTORY_BATCH = 250;
    static final int HISTORY_CONSUMERS = 3;
    /**
     * CustomerJourneys gives every customer a distinct phone number, and its UK range has 1,000 numbers for the
     * fifth of the population that speaks English: above ~4,500 customers it never finishes building them.
     */
    static final int MAX_POPULATION = 4_000;

    static BenchSettings full() {
        return new BenchSettings("full", 4_000, 150_000, 200_000, 50_000,
                1_000, 500, 10, 60, 10, 10,
                10_000_000, 50, 10_000, 10_000_000,
                2_000, 20_000, 20, 200,
                HISTORY_BATCH, HISTORY_CONSUMERS, 2, "2GB", true, 6, false, 20261123L, true);
    }

    static BenchSettings quick() {
        return new BenchSettings("quick", 2_000, 10_000, 15_000, 8_000,
                1_000, 500, 3, 10, 10, 10,
                100_000, 50, 5_000, 100_000,
                300, 2_000, 3, 20,
                HISTORY_BATCH, HISTORY_CONSUMERS, 2, "1GB", true, 6, false, 20261123L, true);
    }

    /**
     * CI's run: proves the harness end to end, its numbers mean nothing. So the services run as ./omnirouter up runs
     * them (C1 only: they start in half the time on two cores) and the warm-up is one round.
     */
    static BenchSettings smoke() {
        return new BenchSettings("smoke", 200, 500, 2_000, 1_000,
                200, 50, 1, 3, 20, 10,
                5_000, 20, 1_000, 3_000,
                20, 100, 2, 5,
                HISTORY_BATCH, HISTORY_CONSUMERS, 2, "256MB", false, 1, false, 20261123L, true);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mode);
        json.put("customers", customers);
        json.put("warmup_events", warmupEvents);
        json.put("saturation_events", events);
        json.put("cost_events", costEvents);
        json.put("freshness_rate_per_s", rate);
        json.put("hot_customer_rate_per_s", hotRate);
        json.put("freshness_warmup_s", freshnessWarmupSeconds);
        json.put("freshness_s", freshnessSeconds);
        json.put("freshness_samples_per_s", samplesPerSecond);
        json.put("freshness_poll_interval_ms", pollIntervalMs);
        json.put("store_contacts", storeContacts);
        json.put("contacts_per_bulk_customer", contactsPerBulkCustomer);
        json.put("small_store_customers", smallCustomers);
        json.put("large_store_customers", largeCustomers);
        json.put("timeline_warmup_requests", timelineWarmup);
        json.put("timeline_requests", timelineRequests);
        json.put("timeline_basic_warmup_requests", basicWarmup);
        json.put("timeline_basic_requests", basicRequests);
        json.put("raw_insert_batch_rows", rawBatch);
        json.put("raw_insert_connections", rawConnections);
        json.put("router_concurrency", routerConcurrency);
        json.put("postgres_shared_buffers", sharedBuffers);
        json.put("services_full_jit", fullJit);
        json.put("warmup_max_rounds", warmupRounds);
        json.put("profile", profile);
        json.put("seed", seed);
        json.put("rebuild", rebuild);
        return json;
    }
}
