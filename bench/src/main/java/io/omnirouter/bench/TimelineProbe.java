package io.omnirouter.bench;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Timeline first-page latency through the agent API: {@code GET /api/customers/{id}/timeline?limit=50} for
 * random customers, one request after the other (closed loop, one agent), keep-alive, the first
 * {@code warmup} requests not counted. Latency is from sending the request to having read the whole body.
 */
final class TimelineProbe {

    static final int PAGE = 50;

    record Result(Histogram micros, int requests, int warmup, long errors, long items, String auth, CpuMeter.Usage usage) {

        double meanItems() {
            return requests == 0 ? 0 : (double) items / requests;
        }
    }

    Result run(ApiClient api, List<UUID> customers, int warmup, int requests, CpuMeter meter) {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long errors = 0;
        long items = 0;
        CpuMeter.Sample cpu = null;
        for (int i = 0; i < warmup + requests; i++) {
            if (i == warmup) {
                cpu = meter.start();
            }
            UUID customer = customers.get(i % customers.size());
            long start = System.nanoTime();
            HttpResponse<String> response = api.timeline(customer, PAGE);
            long micros = (System.nanoTime() - start) / 1_000;
            if (i < warmup) {
                continue;
            }
            if (response.statusCode() != 200) {
                errors++;
                if (errors > 10 && errors > requests / 100) {
                    throw new BenchException("Timeline queries fail: HTTP " + response.statusCode() + " " + response.body());
                }
                continue;
            }
            items += count(response.body(), "\"contactId\"");
            histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), micros));
        }
        return new Result(histogram, requests, warmup, errors, items, api.auth().name().toLowerCase(java.util.Locale.ROOT),
                meter.since(cpu == null ? meter.start() : cpu));
    }

    private static int count(String body, String needle) {
        int n = 0;
        for (int i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
